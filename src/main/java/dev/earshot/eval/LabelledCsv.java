package dev.earshot.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.earshot.model.SentimentLabel;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads labelled posts from RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) with Jackson's
 * CSV parser. A row that cannot be used stops the read with its row number (a header is row 1; a quoted line
 * break does not start a new row) and the fix, so that an evaluation never silently scores fewer posts than the
 * file has.
 */
public final class LabelledCsv {

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    /** Words in the names of columns that may hold topic labels. */
    private static final List<String> TOPIC_LABEL_WORDS = List.of("label", "reason", "topic", "categor", "class");

    private LabelledCsv() {
    }

    /**
     * A file with a header row, e.g. the Twitter US Airline Sentiment {@code Tweets.csv} with columns
     * {@code text} and {@code airline_sentiment}. Labels are {@code negative}, {@code neutral} or
     * {@code positive} in any case.
     */
    public static List<LabelledText> readWithHeader(Reader in, String textColumn, String labelColumn) {
        List<LabelledText> rows = new ArrayList<>();
        try (Rows records = new Rows(in)) {
            if (!records.hasNext()) {
                throw new IllegalArgumentException("the file is empty; expected a header row with columns '"
                        + textColumn + "' and '" + labelColumn + "'");
            }
            List<String> header = records.next();
            int text = column(header, textColumn, "--text-column");
            int label = column(header, labelColumn, "--label-column");
            int row = 1;
            while (records.hasNext()) {
                row++;
                List<String> record = records.next();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                rows.add(new LabelledText(field(record, text, row, textColumn),
                        namedLabel(field(record, label, row, labelColumn), row, labelColumn)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The header row of a file with one; empty for an empty file. */
    public static List<String> header(Reader in) {
        try (Rows records = new Rows(in)) {
            return records.hasNext() ? records.next() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CSV: " + e.getMessage(), e);
        }
    }

    /**
     * The named columns of every row of a file with a header row, each row as column name to value in the order
     * asked, e.g. {@code tweet_id}, {@code negativereason} and {@code text} of the airline tweets.
     */
    public static List<Map<String, String>> readColumns(Reader in, List<String> columns) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Rows records = new Rows(in)) {
            if (!records.hasNext()) {
                throw new IllegalArgumentException("the file is empty; expected a header row with columns " + columns);
            }
            List<String> header = records.next();
            int[] indexes = new int[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                indexes[i] = header.indexOf(columns.get(i));
                if (indexes[i] < 0) {
                    throw new IllegalArgumentException("no column '" + columns.get(i) + "' in the header " + header);
                }
            }
            int row = 1;
            while (records.hasNext()) {
                row++;
                List<String> record = records.next();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), field(record, indexes[i], row, columns.get(i)));
                }
                rows.add(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * The Sentiment140 test file: no header, six fields per row (polarity 0 negative, 2 neutral, 4 positive; id;
     * date; query; user; text).
     */
    public static List<LabelledText> readSentiment140(Reader in) {
        List<LabelledText> rows = new ArrayList<>();
        try (Rows records = new Rows(in)) {
            int row = 0;
            while (records.hasNext()) {
                row++;
                List<String> record = records.next();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (record.size() != 6) {
                    throw new IllegalArgumentException("row " + row + ": " + record.size()
                            + " fields, expected the 6 of Sentiment140 (polarity,id,date,query,user,text)");
                }
                SentimentLabel label = switch (record.get(0).trim()) {
                    case "0" -> SentimentLabel.NEGATIVE;
                    case "2" -> SentimentLabel.NEUTRAL;
                    case "4" -> SentimentLabel.POSITIVE;
                    default -> throw new IllegalArgumentException("row " + row + ": polarity '" + record.get(0)
                            + "' is not 0, 2 or 4");
                };
                rows.add(new LabelledText(record.get(5), label));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    /** {@code negative}, {@code neutral} or {@code positive}, in any case and with surrounding spaces. */
    public static SentimentLabel namedLabel(String value, int row, String column) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "negative" -> SentimentLabel.NEGATIVE;
            case "neutral" -> SentimentLabel.NEUTRAL;
            case "positive" -> SentimentLabel.POSITIVE;
            default -> throw new IllegalArgumentException("row " + row + ": label '" + value + "' in column '"
                    + column + "' is not negative, neutral or positive");
        };
    }

    /**
     * The file's records, where a record that is not CSV (most often a quote left open, which runs on into the next
     * rows until a quote closes it where no cell can end) stops the read with its row, its lines and the fix rather
     * than Jackson's stack trace.
     */
    private static final class Rows implements Closeable {

        private final MappingIterator<List<String>> records;
        private int rowsRead;
        private int nextRowLine = 1;

        Rows(Reader in) throws IOException {
            records = MAPPER.readerForListOf(String.class).readValues(in);
        }

        boolean hasNext() {
            try {
                return records.hasNext();
            } catch (RuntimeException e) {
                throw notCsv(e);
            }
        }

        List<String> next() {
            try {
                List<String> record = records.next();
                rowsRead++;
                // the parser has read the row's line end: it is on the next row's first line
                nextRowLine = records.getParser().currentLocation().getLineNr();
                return record;
            } catch (RuntimeException e) {
                throw notCsv(e);
            }
        }

        private RuntimeException notCsv(RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof RuntimeException fromReader && root != e) {
                // the reader's own message on the file (such as bytes that are not UTF-8), which Jackson wraps
                return fromReader;
            }
            if (!(e.getCause() instanceof JsonProcessingException syntax) || syntax.getLocation() == null) {
                return e;
            }
            int errorLine = syntax.getLocation().getLineNr();
            String where = "row " + (rowsRead + 1) + (errorLine > nextRowLine ? " (lines " + nextRowLine + " to "
                    + errorLine + ")" : " (line " + errorLine + ")");
            String fix = errorLine > nextRowLine
                    ? "a quoted cell is most likely left open on line " + nextRowLine + ", so that it ran on to line "
                            + errorLine + ": close the quote (a quote inside a quoted cell is written twice: \"\")"
                    : "quote a cell that holds commas or quotes, and write a quote inside it twice: \"\"";
            return new IllegalArgumentException(where + " is not valid CSV (" + syntax.getOriginalMessage() + "): "
                    + fix, e);
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }

    /** How to fix a header that lacks a column: a tab-separated file is read as one column, and no option helps. */
    public static String missingColumnFix(List<String> header, String option) {
        return header.size() == 1 && header.get(0).contains("\t")
                ? "; the file looks tab-separated, and this reads comma-separated CSV: save it as CSV"
                : "; name the right one with " + option;
    }

    /**
     * How to fix a header that lacks the topic label column: the option, and the columns whose names look like
     * topic labels, e.g. the airline tweets' {@code negativereason} (not its {@code negativereason_confidence}).
     */
    public static String missingTopicLabelFix(List<String> header) {
        List<String> likely = header.stream()
                .filter(column -> TOPIC_LABEL_WORDS.stream().anyMatch(column.toLowerCase(Locale.ROOT)::contains)
                        && !column.toLowerCase(Locale.ROOT).contains("confidence"))
                .toList();
        return "; pass --label-column NAME with the column that holds each post's topic"
                + (likely.isEmpty() ? "" : " (columns that look like one: " + String.join(", ", likely) + ")");
    }

    private static int column(List<String> header, String name, String option) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in the header " + header + missingColumnFix(header, option));
        }
        return index;
    }

    private static String field(List<String> record, int index, int row, String column) {
        if (index >= record.size()) {
            throw new IllegalArgumentException("row " + row + ": " + record.size()
                    + " fields, too few for column '" + column + "'");
        }
        return record.get(index);
    }
}
