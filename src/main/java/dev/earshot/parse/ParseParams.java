package dev.earshot.parse;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the parser reads records and the limits it enforces on every one.
 *
 * @param maxTextChars posts with longer text are dead letters: a sane social or forum post is far shorter, and a
 *     runaway record would otherwise cost every later stage
 * @param format {@code auto} (recognise each record's format from its shape) or a format's name
 *     ({@link PostParser#FORMATS}) to read every record as that format
 * @param csv the column mapping of CSV rows, required when format is {@code csv}, else null
 * @param maxFutureSkew how far after the time a record is read (or its network received it) a post's
 *     {@code createdAt} or {@code editedAt} may be; a post dated later is a dead letter, so that a wrong clock
 *     cannot move event time ahead. Null takes the default: 15 minutes is ample for clocks that drift, and no more
 *     than the default out-of-orderness and allowed lateness together (20 minutes), so a post accepted just under
 *     the limit makes no other post too late
 */
public record ParseParams(int maxTextChars, String format, CsvColumns csv, Duration maxFutureSkew) implements Serializable {

    public static final String AUTO = "auto";
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(15);

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
        maxFutureSkew = Objects.requireNonNullElse(maxFutureSkew, DEFAULT_MAX_FUTURE_SKEW);
        if (maxFutureSkew.isNegative() || maxFutureSkew.isZero()) {
            throw new IllegalArgumentException("parse.maxFutureSkew must be a positive duration such as 15m, was "
                    + FutureTimestamps.readable(maxFutureSkew) + "; it is how far after the time a post is read its"
                    + " createdAt may be. To let a file dated in the future through, set a large value such as 3650d");
        }
    }

    public ParseParams(int maxTextChars, String format, CsvColumns csv) {
        this(maxTextChars, format, csv, null);
    }

    public ParseParams(int maxTextChars) {
        this(maxTextChars, AUTO, null);
    }

    public static ParseParams defaults() {
        return new ParseParams(10_000);
    }

    /** These limits, reading CSV rows with the given columns. */
    public ParseParams withCsv(CsvColumns columns) {
        return new ParseParams(maxTextChars, CsvRowFormat.NAME, columns, maxFutureSkew);
    }
}
