package dev.earshot.cli;

import dev.earshot.config.ConfigException;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.file.DeliveryLedger;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.flink.EarshotSinks;
import dev.earshot.flink.ElasticsearchEarshotSinks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files an earlier local run left in the output folder. A run replaces them all, so that the folder holds one
 * run's outputs, never a mix: this run may write fewer kinds of file (no Elasticsearch refusals, no delivery dead
 * letters, a lower parallelism). Only Earshot's own file names are removed; anything else in the folder stays.
 */
final class EarlierRun {

    /** Every JSON-lines file a run writes, with the subtask suffix a sink at parallelism above 1 adds. */
    private static final Pattern EARSHOT_FILE = JsonLinesFileSink.filesNamed(Stream.of(
                    EarshotSinks.ALERTS, EarshotSinks.TICKETS, EarshotSinks.DEAD_LETTERS, EarshotSinks.STATS,
                    EarshotSinks.DELETIONS,
                    EarshotSinks.deliveryDeadLettersName(EarshotSinks.ALERT_DELIVERY),
                    EarshotSinks.deliveryDeadLettersName(EarshotSinks.HELPDESK),
                    DeliveryLedger.NAME,
                    "refused-" + EarshotSinks.ALERTS, "refused-" + EarshotSinks.TICKETS, "refused-" + EarshotSinks.STATS,
                    "refused-" + ElasticsearchEarshotSinks.POSTS)
            .map(Pattern::quote).collect(Collectors.joining("|")));

    private EarlierRun() {
    }

    /** Earshot's files in {@code dir}, by name; none when it does not exist. */
    static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> EARSHOT_FILE.matcher(file.getFileName().toString()).matches())
                    .sorted().toList();
        }
    }

    /**
     * Stops start-up, before anything is deleted, when the input file is one of the files this run would replace (or a
     * folder holding one): the run would delete its own input, and the earlier run with it, before reading it.
     */
    static void refuseToReplaceInput(EarshotConfig config) throws IOException {
        if (!config.input().kind().equals(EarshotConfig.Input.FILE) || config.input().path() == null) {
            return;
        }
        Path input = Path.of(config.input().path());
        if (!Files.exists(input)) {
            return;
        }
        Path dir = Path.of(config.output().dir());
        Path realInput = input.toRealPath();
        for (Path file : filesIn(dir)) {
            if (file.toRealPath().startsWith(realInput)) {
                throw new ConfigException("input.path (-i): " + input + (Files.isDirectory(realInput) ? " holds " + file
                        + ", which" : "") + " is a file this run would replace in its output folder " + dir
                        + " (output.dir, -o); copy it out of " + dir + " and read the copy, or write elsewhere with -o DIR");
            }
        }
    }

    /** Removes an earlier run's files from {@code dir}, saying so; says nothing when there are none. */
    static void replace(Path dir, PrintStream out) throws IOException {
        List<Path> files = filesIn(dir);
        if (files.isEmpty()) {
            return;
        }
        out.printf("%s holds an earlier run (%s): replacing it; -o DIR writes elsewhere%n", dir,
                files.stream().map(file -> file.getFileName().toString()).collect(Collectors.joining(", ")));
        for (Path file : files) {
            Files.delete(file);
        }
    }
}
