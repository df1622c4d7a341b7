package dev.earshot.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.json.Json;
import dev.earshot.model.Post;
import java.util.stream.Collectors;

/**
 * Turns one JSON-lines record of a canonical post into a {@link Post}, or says precisely why it cannot.
 * It never throws on bad input: every rejection is a {@link ParseResult.Invalid} with the raw record.
 */
public final class PostParser {

    private static final String[] REQUIRED = {"id", "source", "createdAt", "text", "author"};

    private final ObjectMapper mapper = Json.mapper();
    private final ParseParams params;

    public PostParser(ParseParams params) {
        this.params = params;
    }

    public ParseResult parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new ParseResult.Invalid(raw == null ? "" : raw, "empty record");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            return new ParseResult.Invalid(raw, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!tree.isObject()) {
            return new ParseResult.Invalid(raw, "expected a JSON object, found " + tree.getNodeType().name().toLowerCase());
        }
        for (String field : REQUIRED) {
            JsonNode value = tree.get(field);
            if (value == null || value.isNull()) {
                return new ParseResult.Invalid(raw, "missing required field '" + field + "'");
            }
        }
        if (!tree.get("createdAt").isTextual()) {
            // Jackson would read a number as epoch seconds; a canonical post says its time in ISO-8601.
            return new ParseResult.Invalid(raw, "field 'createdAt' has the wrong type: expected an ISO-8601 instant"
                    + " such as \"2026-03-02T08:15:00Z\", found " + tree.get("createdAt").getNodeType().name().toLowerCase());
        }
        JsonNode text = tree.get("text");
        if (!text.isTextual()) {
            return new ParseResult.Invalid(raw, "field 'text' must be a string, found " + text.getNodeType().name().toLowerCase());
        }
        if (text.asText().isBlank()) {
            return new ParseResult.Invalid(raw, "field 'text' is empty");
        }
        int length = text.asText().length();
        if (length > params.maxTextChars()) {
            return new ParseResult.Invalid(raw, "field 'text' has " + length + " characters, more than the limit of "
                    + params.maxTextChars() + " (parse.maxTextChars)");
        }
        try {
            return new ParseResult.Valid(mapper.treeToValue(tree, Post.class));
        } catch (JsonMappingException e) {
            return new ParseResult.Invalid(raw, describe(e));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new ParseResult.Invalid(raw, "invalid post: " + e.getMessage());
        }
    }

    /** Names the offending field by its JSON path ("author.followers") and what was wrong with it. */
    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException) {
            return "invalid post: " + cause.getMessage();
        }
        String problem = e.getOriginalMessage().lines().findFirst().orElse("wrong type");
        return path.isEmpty() ? "invalid post: " + problem : "field '" + path + "' has the wrong type: " + problem;
    }
}
