package dev.earshot.parse;

import java.io.Serializable;
import java.time.format.DateTimeFormatter;

/**
 * Which CSV column holds which part of a post ({@code parse.csv}); every value is a column name from the header.
 *
 * @param text required
 * @param createdAt required
 * @param id optional: without it, a row's id is derived from its content, so a replayed file keeps its ids
 * @param author optional: the author's name or id; "unknown" without it
 * @param location optional: the author's profile location
 * @param coordinates optional: "[lat, lon]" as in the airline data set; "[0.0, 0.0]" counts as absent
 * @param source the post's source, {@code csv} by default
 * @param timeFormat a {@link DateTimeFormatter} pattern for createdAt; by default ISO-8601 or
 *     {@code yyyy-MM-dd HH:mm:ss Z} (e.g. "2015-02-24 11:35:52 -0800") are both accepted
 */
public record CsvColumns(String text, String createdAt, String id, String author, String location,
                         String coordinates, String source, String timeFormat) implements Serializable {

    public CsvColumns {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("parse.csv.text must name the column that holds the post's text");
        }
        if (createdAt == null || createdAt.isBlank()) {
            throw new IllegalArgumentException("parse.csv.createdAt must name the column that holds the post's time");
        }
        source = source == null || source.isBlank() ? "csv" : source;
        if (timeFormat != null) {
            try {
                DateTimeFormatter.ofPattern(timeFormat);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parse.csv.timeFormat is not a date-time pattern: " + e.getMessage()
                        + "; e.g. yyyy-MM-dd HH:mm:ss Z");
            }
        }
    }

    /** The columns of the Twitter US Airline Sentiment data set. */
    public static CsvColumns airline() {
        return new CsvColumns("text", "tweet_created", "tweet_id", "name", "tweet_location", "tweet_coord", "twitter", null);
    }
}
