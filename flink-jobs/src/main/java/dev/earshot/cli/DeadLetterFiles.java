package dev.earshot.cli;

import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.flink.EarshotSinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The delivery dead-letters files {@code redeliver --dead-letters} names. A run writes one file per subtask of a
 * delivery ({@code helpdesk-dead-letters-0.jsonl}, {@code -1.jsonl}, ...), or one file at parallelism 1
 * ({@code alert-delivery-dead-letters.jsonl}), so each argument may be a file, a folder (its delivery dead letters)
 * or a name without the subtask suffix ({@code output/helpdesk-dead-letters}, with or without {@code .jsonl}).
 */
final class DeadLetterFiles {

    private static final List<String> DELIVERY_NAMES = List.of(
            EarshotSinks.deliveryDeadLettersName(EarshotSinks.ALERT_DELIVERY),
            EarshotSinks.deliveryDeadLettersName(EarshotSinks.HELPDESK));

    private DeadLetterFiles() {
    }

    /** The files the arguments name, each once, in argument order; one that names none stops the command. */
    static List<Path> resolve(List<Path> arguments) throws IOException {
        Map<Path, Path> files = new LinkedHashMap<>();
        for (Path argument : arguments) {
            for (Path file : filesOf(argument)) {
                files.putIfAbsent(file.toRealPath(), file);
            }
        }
        return List.copyOf(files.values());
    }

    private static List<Path> filesOf(Path argument) throws IOException {
        if (Files.isDirectory(argument)) {
            List<Path> found = new ArrayList<>();
            for (String name : DELIVERY_NAMES) {
                found.addAll(withSubtasks(argument, name));
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("--dead-letters " + argument + ": the folder holds no delivery dead "
                        + "letters; a run writes them as " + String.join(".jsonl, ", DELIVERY_NAMES)
                        + ".jsonl, or with the subtask before .jsonl (helpdesk-dead-letters-0.jsonl)");
            }
            return found;
        }
        if (Files.isRegularFile(argument)) {
            return List.of(argument);
        }
        Path folder = argument.toAbsolutePath().getParent();
        String name = argument.getFileName().toString();
        String prefix = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        List<Path> found = Files.isDirectory(folder) ? withSubtasks(folder, prefix) : List.of();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("--dead-letters " + argument + ": no such file, nor " + prefix
                    + "-<subtask>.jsonl files; give the output folder (e.g. output) to take all its delivery dead letters");
        }
        Path given = argument.getParent();
        return found.stream().map(file -> given == null ? file.getFileName() : given.resolve(file.getFileName())).toList();
    }

    /** {@code <name>.jsonl} and {@code <name>-<subtask>.jsonl} in {@code folder}, sorted. */
    private static List<Path> withSubtasks(Path folder, String name) throws IOException {
        Pattern files = JsonLinesFileSink.filesNamed(Pattern.quote(name));
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> files.matcher(file.getFileName().toString()).matches()).sorted().toList();
        }
    }
}
