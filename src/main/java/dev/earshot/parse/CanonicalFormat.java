package dev.earshot.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.earshot.json.Json;
import dev.earshot.model.Post;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Earshot's own canonical post JSON. Auto-detection falls back to it, so a malformed canonical post is reported in
 * its own terms ("missing required field 'author.id'"); its reasons carry no format prefix, as before formats existed.
 */
final class CanonicalFormat implements PostFormat {

    static final String NAME = "canonical";
    private static final String[] REQUIRED = {"id", "source", "createdAt", "text", "author"};

    private final ObjectMapper mapper = Json.mapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(JsonNode tree) {
        return true;
    }

    @Override
    public List<ParseResult> read(JsonNode tree, String raw) {
        for (String field : REQUIRED) {
            JsonNode value = tree.get(field);
            if (value == null || value.isNull()) {
                throw MalformedRecordException.missing(field);
            }
        }
        JsonNode authorId = tree.get("author").get("id");
        if (tree.get("author").isObject() && (authorId == null || authorId.isNull()
                || authorId.isTextual() && authorId.asText().isBlank())) {
            throw MalformedRecordException.missing("author.id");
        }
        if (!tree.get("createdAt").isTextual()) {
            // Jackson would read a number as epoch seconds; a canonical post says its time in ISO-8601.
            throw MalformedRecordException.wrong("createdAt", "has the wrong type: expected an ISO-8601 instant"
                    + " such as \"2026-03-02T08:15:00Z\", found " + Fields.type(tree.get("createdAt")));
        }
        JsonNode text = tree.get("text");
        if (!text.isTextual()) {
            throw MalformedRecordException.wrong("text", "must be a string, found " + Fields.type(text));
        }
        if (text.asText().isBlank()) {
            throw MalformedRecordException.wrong("text", "is empty");
        }
        try {
            return List.of(new ParseResult.Valid(mapper.treeToValue(tree, Post.class)));
        } catch (JsonMappingException e) {
            throw new MalformedRecordException(describe(e, tree));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedRecordException("invalid post: " + e.getMessage());
        }
    }

    /**
     * Names the offending field by its JSON path ("author.followers"), what it takes and what it holds, in the
     * post's own terms rather than Jackson's and java.time's.
     */
    private static String describe(JsonMappingException e, JsonNode tree) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException) {
            return "invalid post: " + cause.getMessage();
        }
        if (path.isEmpty()) {
            return "invalid post: " + e.getOriginalMessage().lines().findFirst().orElse("wrong type");
        }
        JsonNode value = tree;
        for (JsonMappingException.Reference ref : e.getPath()) {
            value = ref.getFieldName() != null ? value.path(ref.getFieldName()) : value.path(ref.getIndex());
        }
        String expected = e instanceof MismatchedInputException mismatch ? expected(mismatch.getTargetType()) : null;
        return "field '" + path + "' has the wrong type: " + (expected == null ? "" : "expected " + expected + ", ")
                + "found " + (value.isValueNode() ? Fields.type(value) + " " + value : Fields.type(value));
    }

    /** What a field of this type holds, in JSON's words, or null when that is not plain. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as \"2026-03-02T08:15:00Z\"";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type.isRecord() ? "an object" : null;
    }
}
