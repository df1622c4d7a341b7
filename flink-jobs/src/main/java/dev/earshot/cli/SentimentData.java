package dev.earshot.cli;

import dev.earshot.connectors.file.TextFileReader;
import dev.earshot.eval.LabelledCsv;
import dev.earshot.eval.LabelledText;
import dev.earshot.eval.VaderTweetRatings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The labelled-post files the sentiment commands read. */
final class SentimentData {

    /**
     * {@code airline}: a CSV with a header naming its text and label columns; {@code sentiment140}: no header;
     * {@code vader-tweets}: VADER's tweet ground truth, id TAB mean rating TAB text ({@link VaderTweetRatings}).
     */
    enum Format {
        airline("airline"), sentiment140("sentiment140"), vaderTweets("vader-tweets");

        final String option;

        Format(String option) {
            this.option = option;
        }

        /** Reads {@code --format} by its written name, which may hold a hyphen as no enum constant can. */
        static final class Converter implements ITypeConverter<Format> {
            @Override
            public Format convert(String value) {
                for (Format format : values()) {
                    if (format.option.equals(value)) {
                        return format;
                    }
                }
                throw new TypeConversionException("'" + value + "' is not airline, sentiment140 or vader-tweets");
            }
        }
    }

    /** The label columns an airline-format file may have without {@code --label-column}: the airline tweets', ours. */
    static final List<String> LABEL_COLUMNS = List.of("airline_sentiment", "label");

    private SentimentData() {
    }

    private static String labelColumnOf(Path file) throws IOException {
        try (Reader in = TextFileReader.open(file)) {
            List<String> header = LabelledCsv.header(in);
            if (header.isEmpty()) {
                return LABEL_COLUMNS.get(0); // the reader says the file is empty
            }
            return LABEL_COLUMNS.stream().filter(header::contains).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "no label column in the header " + header + ": without --label-column it is one of " + LABEL_COLUMNS
                            + LabelledCsv.missingColumnFix(header, "--label-column")));
        }
    }

    /**
     * The id column of an airline-format file, row for row with {@link #read}; empty when the file has no such
     * column.
     */
    static List<String> ids(Path file, String idColumn, int expectedRows) throws IOException {
        try (Reader in = TextFileReader.open(file)) {
            List<String> header = LabelledCsv.header(in);
            if (!header.contains(idColumn)) {
                return List.of();
            }
        }
        try (Reader in = TextFileReader.open(file)) {
            List<String> ids = LabelledCsv.readColumns(in, List.of(idColumn)).stream()
                    .map(row -> row.get(idColumn)).toList();
            if (ids.size() != expectedRows) {
                throw new IllegalStateException("--data " + file + ": " + ids.size() + " ids for " + expectedRows
                        + " labelled posts");
            }
            return ids;
        }
    }

    /**
     * @param labelColumn the label column of an airline-format file; null takes the first of {@link #LABEL_COLUMNS}
     *     the header has, so that train and eval read the same files without options
     */
    static List<LabelledText> read(Path file, Format format, String textColumn, String labelColumn)
            throws IOException {
        DataFile.requireFile("--data", file);
        try (Reader in = TextFileReader.open(file)) {
            List<LabelledText> rows = switch (format) {
                case sentiment140 -> LabelledCsv.readSentiment140(in);
                case vaderTweets -> VaderTweetRatings.read(in);
                case airline -> LabelledCsv.readWithHeader(in, textColumn,
                        labelColumn != null ? labelColumn : labelColumnOf(file));
            };
            if (rows.isEmpty()) {
                // Named with the file by the catch below.
                throw new IllegalArgumentException("no labelled posts in it");
            }
            return rows;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data " + file + ": " + e.getMessage(), e);
        }
    }
}
