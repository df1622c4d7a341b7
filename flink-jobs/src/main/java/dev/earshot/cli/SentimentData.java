package dev.earshot.cli;

import dev.earshot.eval.LabelledCsv;
import dev.earshot.eval.LabelledText;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The labelled-post files the sentiment commands read. */
final class SentimentData {

    /** {@code airline}: a CSV with a header naming its text and label columns; {@code sentiment140}: no header. */
    enum Format { airline, sentiment140 }

    private SentimentData() {
    }

    /**
     * The id column of an airline-format file, row for row with {@link #read}; empty when the file has no such
     * column.
     */
    static List<String> ids(Path file, String idColumn, int expectedRows) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = LabelledCsv.header(in);
            if (!header.contains(idColumn)) {
                return List.of();
            }
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> ids = LabelledCsv.readColumns(in, List.of(idColumn)).stream()
                    .map(row -> row.get(idColumn)).toList();
            if (ids.size() != expectedRows) {
                throw new IllegalStateException("--data " + file + ": " + ids.size() + " ids for " + expectedRows
                        + " labelled posts");
            }
            return ids;
        }
    }

    static List<LabelledText> read(Path file, Format format, String textColumn, String labelColumn)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--data " + file + ": no such file");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<LabelledText> rows = format == Format.sentiment140 ? LabelledCsv.readSentiment140(in)
                    : LabelledCsv.readWithHeader(in, textColumn, labelColumn);
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("--data " + file + ": no labelled posts in it");
            }
            return rows;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data " + file + ": " + e.getMessage(), e);
        }
    }
}
