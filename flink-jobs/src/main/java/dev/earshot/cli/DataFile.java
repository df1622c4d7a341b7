package dev.earshot.cli;

import dev.earshot.eval.LabelledCsv;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The CSV file an {@code eval} or {@code taxonomy} command reads with {@code --data}, its errors naming the option. */
final class DataFile {

    private DataFile() {
    }

    /** Each row's values of these columns of the header row, by column name. */
    static List<Map<String, String>> readColumns(Path data, List<String> columns) throws IOException {
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("--data " + data + ": no such file");
        }
        try (Reader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            return LabelledCsv.readColumns(in, columns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data " + data + ": " + e.getMessage(), e);
        }
    }
}
