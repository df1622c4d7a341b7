package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.Author;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Post;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;

/**
 * A CSV row, as the replay reader hands it on: a JSON object of header name to cell text. The columns come from
 * {@code parse.csv} ({@link CsvColumns}); a row is never auto-detected, since any object could be one.
 */
final class CsvRowFormat implements PostFormat {

    static final String NAME = "csv";
    private static final DateTimeFormatter SPACED_WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    private final CsvColumns columns;
    private final DateTimeFormatter timeFormat;

    CsvRowFormat(CsvColumns columns) {
        this.columns = columns;
        this.timeFormat = columns.timeFormat() == null ? null : DateTimeFormatter.ofPattern(columns.timeFormat());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(JsonNode tree) {
        return false;
    }

    @Override
    public List<ParseResult> read(JsonNode row, String raw) {
        String text = required(row, columns.text(), "text");
        Instant createdAt = time(required(row, columns.createdAt(), "createdAt"));
        String id = cell(row, columns.id(), "id");
        String author = cell(row, columns.author(), "author");
        return List.of(new ParseResult.Valid(new Post(columns.source() + ":" + (id != null ? id : contentId(raw)),
                columns.source(), createdAt, text, null,
                new Author(author != null ? author : "unknown", author, 0, cell(row, columns.location(), "location")),
                point(cell(row, columns.coordinates(), "coordinates")), null, null, null, null, null,
                TextEntities.hashtags(text), TextEntities.mentions(text))));
    }

    /** A cell's text, null when the column is not mapped or the cell is empty. */
    private static String cell(JsonNode row, String column, String key) {
        if (column == null) {
            return null;
        }
        JsonNode value = row.get(column);
        if (value == null) {
            throw new MalformedRecordException("column '" + column + "' (parse.csv." + key + ") is not in the file's header");
        }
        return value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static String required(JsonNode row, String column, String key) {
        String value = cell(row, column, key);
        if (value == null) {
            throw new MalformedRecordException("column '" + column + "' (parse.csv." + key + ") " + (row.get(column).isNull()
                    ? "is missing: the row has fewer cells than the header; add the missing cells (empty ones are ,,)"
                    : "is empty"));
        }
        return value;
    }

    private Instant time(String value) {
        try {
            if (timeFormat != null) {
                return OffsetDateTime.parse(value, timeFormat).toInstant();
            }
            return value.contains("T") ? OffsetDateTime.parse(value).toInstant()
                    : OffsetDateTime.parse(value, SPACED_WITH_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException("column '" + columns.createdAt() + "' (parse.csv.createdAt) is not a time: \""
                    + value + "\"; expected " + (columns.timeFormat() != null ? columns.timeFormat()
                    : "ISO-8601 or yyyy-MM-dd HH:mm:ss Z") + " (parse.csv.timeFormat)");
        }
    }

    /** "[lat, lon]"; the airline data set writes [0.0, 0.0] for "no geotag". */
    private GeoPoint point(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.replace("[", "").replace("]", "").split(",");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            double lat = Double.parseDouble(parts[0].strip());
            double lon = Double.parseDouble(parts[1].strip());
            return lat == 0 && lon == 0 ? null : new GeoPoint(lat, lon);
        } catch (NumberFormatException e) {
            throw new MalformedRecordException("column '" + columns.coordinates() + "' (parse.csv.coordinates) must be"
                    + " \"[lat, lon]\", was \"" + value + "\"");
        }
    }

    /** A row without an id column gets one from its content, so replaying the file gives the same ids. */
    private static String contentId(String raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
