package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads fields of a platform's JSON, throwing a {@link MalformedRecordException} that names the field by its path
 * (e.g. {@code data[1].created_at}) when a required one is absent or of the wrong type.
 */
final class Fields {

    private Fields() {
    }

    static JsonNode requiredObject(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            throw MalformedRecordException.missing(path);
        }
        if (!value.isObject()) {
            throw MalformedRecordException.wrong(path, "must be an object, found " + type(value));
        }
        return value;
    }

    /** A required, non-blank string; ids given as JSON numbers are refused, since they may have lost precision. */
    static String requiredText(JsonNode parent, String name, String path) {
        String value = optionalText(parent, name, path);
        if (value == null) {
            throw MalformedRecordException.missing(path);
        }
        if (value.isBlank()) {
            throw MalformedRecordException.wrong(path, "is empty");
        }
        return value;
    }

    /** A string, or null when absent or JSON null. */
    static String optionalText(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw MalformedRecordException.wrong(path, "must be a string, found " + type(value));
        }
        return value.asText();
    }

    /** An id that a platform may send as a small JSON number (Discourse) or as a string. */
    static String requiredId(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            throw MalformedRecordException.missing(path);
        }
        if (value.isIntegralNumber() || (value.isTextual() && !value.asText().isBlank())) {
            return value.asText();
        }
        throw MalformedRecordException.wrong(path, "must be an id (a string or whole number), found " + type(value));
    }

    /** Runs one item's mapping; a malformed item becomes a dead letter while its siblings in the record still count. */
    static ParseResult item(String format, String raw, java.util.function.Supplier<ParseResult> mapping) {
        try {
            return mapping.get();
        } catch (MalformedRecordException | IllegalArgumentException e) {
            return new ParseResult.Invalid(raw, format + ": " + e.getMessage());
        }
    }

    static long optionalCount(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToLong()) {
            throw MalformedRecordException.wrong(path, "must be a whole number, found " + type(value));
        }
        return Math.max(0, value.asLong());  // some platforms send -1 for "hidden"
    }

    static Instant requiredInstant(JsonNode parent, String name, String path) {
        return instant(requiredText(parent, name, path), path);
    }

    /** An ISO-8601 time, or null when absent or JSON null. */
    static Instant optionalInstant(JsonNode parent, String name, String path) {
        String value = optionalText(parent, name, path);
        return value == null ? null : instant(value, path);
    }

    private static Instant instant(String value, String path) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                throw MalformedRecordException.wrong(path, "is not an ISO-8601 time: \"" + value + "\"");
            }
        }
    }

    /** The elements of an optional array, each mapped; absent or null is empty. */
    static <T> List<T> each(JsonNode parent, String name, String path, Function<JsonNode, T> mapper) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw MalformedRecordException.wrong(path, "must be an array, found " + type(value));
        }
        List<T> mapped = new ArrayList<>();
        for (JsonNode element : value) {
            T item = mapper.apply(element);
            if (item != null) {
                mapped.add(item);
            }
        }
        return mapped;
    }

    /** A text member of an element, or null; for lists of entities where a malformed entry should not cost the post. */
    static String member(JsonNode element, String name) {
        JsonNode value = element.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }
}
