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
