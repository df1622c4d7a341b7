package dev.earshot.parse;

import java.io.Serializable;
import java.util.Objects;

/**
 * How the parser reads records and the limits it enforces on every one.
 *
 * @param maxTextChars posts with longer text are dead letters: a sane social or forum post is far shorter, and a
 *     runaway record would otherwise cost every later stage
 * @param format {@code auto} (recognise each record's format from its shape) or a format's name
 *     ({@link PostParser#FORMATS}) to read every record as that format
 * @param csv the column mapping of CSV rows, required when format is {@code csv}, else null
 */
public record ParseParams(int maxTextChars, String format, CsvColumns csv) implements Serializable {

    public static final String AUTO = "auto";

    public ParseParams {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("parse.maxTextChars must be at least 1, was " + maxTextChars);
        }
        format = Objects.requireNonNullElse(format, AUTO);
        if (format.equals(AUTO) && csv != null) {
            // A column mapping says what the records are: CSV rows have no shape to detect.
            format = CsvRowFormat.NAME;
        }
        if (!format.equals(AUTO) && !PostParser.FORMATS.contains(format)) {
            throw new IllegalArgumentException("parse.format must be " + AUTO + " or one of " + PostParser.FORMATS
                    + ", was " + format);
        }
        if (format.equals(CsvRowFormat.NAME) && csv == null) {
            throw new IllegalArgumentException("parse.format csv needs the column mapping parse.csv, e.g."
                    + " parse.csv: {text: text, createdAt: tweet_created}");
        }
    }

    public ParseParams(int maxTextChars) {
        this(maxTextChars, AUTO, null);
    }

    public static ParseParams defaults() {
        return new ParseParams(10_000);
    }

    /** These limits, reading CSV rows with the given columns. */
    public ParseParams withCsv(CsvColumns columns) {
        return new ParseParams(maxTextChars, CsvRowFormat.NAME, columns);
    }
}
