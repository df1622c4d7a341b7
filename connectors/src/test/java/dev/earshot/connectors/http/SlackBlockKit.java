package dev.earshot.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What Slack checks in an incoming webhook's Block Kit message before answering {@code ok}: the block types and
 * their fields, text object types and Slack's length limits. Unknown keys are refused, as Slack refuses them
 * ({@code invalid_blocks}).
 */
final class SlackBlockKit {

    private SlackBlockKit() {
    }

    /** The problems found; empty when Slack would accept the message. */
    static List<String> problems(JsonNode message) {
        List<String> problems = new ArrayList<>();
        if (!message.isObject()) {
            return List.of("the body is not a JSON object");
        }
        if (!message.path("text").isTextual() || message.path("text").asText().isBlank()) {
            problems.add("'text' (the notification fallback) is missing");
        }
        JsonNode blocks = message.path("blocks");
        if (!blocks.isArray() || blocks.isEmpty() || blocks.size() > 50) {
            problems.add("'blocks' must be an array of 1 to 50 blocks");
            return problems;
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), "blocks[" + i + "]", problems);
        }
        return problems;
    }

    private static void block(JsonNode block, String at, List<String> problems) {
        String type = block.path("type").asText();
        switch (type) {
            case "header" -> {
                keys(block, at, Set.of("type", "text", "block_id"), problems);
                text(block.path("text"), at + ".text", Set.of("plain_text"), 150, problems);
            }
            case "section" -> {
                keys(block, at, Set.of("type", "text", "fields", "accessory", "block_id"), problems);
                if (!block.has("text") && !block.has("fields")) {
                    problems.add(at + ": a section needs 'text' or 'fields'");
                }
                if (block.has("text")) {
                    text(block.get("text"), at + ".text", Set.of("plain_text", "mrkdwn"), 3000, problems);
                }
                if (block.has("fields")) {
                    JsonNode fields = block.get("fields");
                    if (!fields.isArray() || fields.isEmpty() || fields.size() > 10) {
                        problems.add(at + ".fields: 1 to 10 text objects");
                    } else {
                        for (int i = 0; i < fields.size(); i++) {
                            text(fields.get(i), at + ".fields[" + i + "]", Set.of("plain_text", "mrkdwn"), 2000, problems);
                        }
                    }
                }
                if (block.has("accessory")) {
                    element(block.get("accessory"), at + ".accessory", problems);
                }
            }
            case "context" -> {
                keys(block, at, Set.of("type", "elements", "block_id"), problems);
                JsonNode elements = block.path("elements");
                if (!elements.isArray() || elements.isEmpty() || elements.size() > 10) {
                    problems.add(at + ".elements: 1 to 10 elements");
                } else {
                    for (int i = 0; i < elements.size(); i++) {
                        JsonNode element = elements.get(i);
                        if ("image".equals(element.path("type").asText())) {
                            element(element, at + ".elements[" + i + "]", problems);
                        } else {
                            text(element, at + ".elements[" + i + "]", Set.of("plain_text", "mrkdwn"), 3000, problems);
                        }
                    }
                }
            }
            case "actions" -> {
                keys(block, at, Set.of("type", "elements", "block_id"), problems);
                JsonNode elements = block.path("elements");
                if (!elements.isArray() || elements.isEmpty() || elements.size() > 25) {
                    problems.add(at + ".elements: 1 to 25 elements");
                } else {
                    for (int i = 0; i < elements.size(); i++) {
                        element(elements.get(i), at + ".elements[" + i + "]", problems);
                    }
                }
            }
            case "divider" -> keys(block, at, Set.of("type", "block_id"), problems);
            default -> problems.add(at + ": unknown block type '" + type + "'");
        }
    }

    private static void element(JsonNode element, String at, List<String> problems) {
        switch (element.path("type").asText()) {
            case "image" -> {
                keys(element, at, Set.of("type", "image_url", "alt_text"), problems);
                if (!element.path("image_url").asText().startsWith("http") || element.path("alt_text").asText().isEmpty()) {
                    problems.add(at + ": an image needs image_url and alt_text");
                }
            }
            case "button" -> {
                keys(element, at, Set.of("type", "text", "action_id", "url", "value", "style"), problems);
                text(element.path("text"), at + ".text", Set.of("plain_text"), 75, problems);
                String url = element.path("url").asText();
                if (element.has("url") && (!url.startsWith("http") || url.length() > 3000)) {
                    problems.add(at + ".url: an http(s) URL of at most 3000 characters");
                }
                if (element.path("action_id").asText().length() > 255) {
                    problems.add(at + ".action_id: at most 255 characters");
                }
            }
            default -> problems.add(at + ": unsupported element type '" + element.path("type").asText() + "'");
        }
    }

    private static void text(JsonNode text, String at, Set<String> types, int maxLength, List<String> problems) {
        if (!text.isObject()) {
            problems.add(at + ": a text object is required");
            return;
        }
        String type = text.path("type").asText();
        keys(text, at, type.equals("plain_text") ? Set.of("type", "text", "emoji") : Set.of("type", "text", "verbatim"), problems);
        if (!types.contains(type)) {
            problems.add(at + ": type must be one of " + types + ", was '" + type + "'");
        }
        String value = text.path("text").asText("");
        if (value.isEmpty() || value.length() > maxLength) {
            problems.add(at + ": text must have 1 to " + maxLength + " characters, has " + value.length());
        }
    }

    private static void keys(JsonNode node, String at, Set<String> allowed, List<String> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(at + ": unknown key '" + name + "'");
            }
        }
    }
}
