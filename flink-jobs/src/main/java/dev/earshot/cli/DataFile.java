package dev.earshot.cli;

import dev.earshot.connectors.file.TextFileReader;
import dev.earshot.eval.LabelledCsv;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The CSV file an {@code eval} or {@code taxonomy} command reads with {@code --data}, its errors naming the option. */
final class DataFile {

    private DataFile() {
    }

    /** The file an option names must be one: a folder or a missing path gets a message that says which. */
    static void requireFile(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + (Files.isDirectory(file)
                    ? ": is a folder; give the file itself" : ": no such file"));
        }
    }

    /** The header row of the file; empty for an empty file. */
    static List<String> header(Path data) throws IOException {
        requireFile("--data", data);
        try (Reader in = TextFileReader.open(data)) {
            return LabelledCsv.header(in);
        }
    }

    /** Each row's values of these columns of the header row, by column name. */
    static List<Map<String, String>> readColumns(Path data, List<String> columns) throws IOException {
        requireFile("--data", data);
        try (Reader in = TextFileReader.open(data)) {
            return LabelledCsv.readColumns(in, columns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data " + data + ": " + e.getMessage(), e);
        }
    }
}
