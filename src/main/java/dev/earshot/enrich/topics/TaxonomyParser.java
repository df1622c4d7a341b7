package dev.earshot.enrich.topics;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.earshot.text.NearMiss;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns taxonomy YAML into topics, or into messages a non-programmer can act on. The YAML is read as a tree
 * rather than bound to a class so that every mistake can be named with its topic, key and line, and so that
 * all mistakes are reported together.
 */
final class TaxonomyParser {

    private static final List<String> TOPIC_KEYS = List.of("id", "name", "parent", "phrases", "hashtags", "lemmas", "exclude");

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern HAS_LETTER_OR_DIGIT = Pattern.compile(".*[\\p{L}\\p{N}].*");

    private static final ObjectMapper YAML = YAMLMapper.builder(
                    YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .build();

    private TaxonomyParser() {
    }

    private record RawTopic(int index, int line, JsonNode node) {

        String label(String id) {
            return id == null
                    ? "topics[" + index + "] (line " + line + ")"
                    : "topics[" + index + "] (id \"" + id + "\", line " + line + ")";
        }
    }

    static List<Topic> parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new TaxonomyException(List.of("the taxonomy is empty — start it with \"topics:\" followed by a list of topics"));
        }
        List<String> problems = new ArrayList<>();
        List<RawTopic> rawTopics = readTopics(yaml, problems);
        List<Topic> topics = new ArrayList<>();
        List<RawTopic> sources = new ArrayList<>();
        for (RawTopic raw : rawTopics) {
            Topic topic = readTopic(raw, problems);
            if (topic != null) {
                topics.add(topic);
                sources.add(raw);
            }
        }
        checkIdsAndParents(topics, sources, problems);
        if (!problems.isEmpty()) {
            throw new TaxonomyException(problems);
        }
        return topics;
    }

    private static List<RawTopic> readTopics(String yaml, List<String> problems) {
        List<RawTopic> topics = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new TaxonomyException(List.of(
                        "the taxonomy must start with \"topics:\" followed by a list of topics, each starting with \"- id:\""));
            }
            boolean sawTopics = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int line = parser.currentTokenLocation().getLineNr();
                JsonToken value = parser.nextToken();
                if (!key.equals("topics")) {
                    problems.add("line " + line + ": unknown key \"" + key + "\" at the top of the taxonomy"
                            + fix(key, List.of("topics"), "the only top-level key is \"topics\""));
                    parser.skipChildren();
                } else if (value != JsonToken.START_ARRAY) {
                    problems.add("line " + line + ": \"topics\" must be a list — start each topic on its own line with \"- id:\"");
                    parser.skipChildren();
                } else {
                    sawTopics = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        int topicLine = parser.currentTokenLocation().getLineNr();
                        topics.add(new RawTopic(topics.size(), topicLine, YAML.readTree(parser)));
                    }
                }
            }
            if (!sawTopics && problems.isEmpty()) {
                problems.add("the taxonomy has no \"topics:\" list — add \"topics:\" followed by topics, each starting with \"- id:\"");
            } else if (sawTopics && topics.isEmpty()) {
                problems.add("\"topics\" is an empty list — add at least one topic starting with \"- id:\"");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new TaxonomyException(List.of(where + "the YAML cannot be read (" + e.getOriginalMessage()
                    + ") — check the indentation there; a key may appear only once per topic, and a value containing"
                    + " \": \" or starting with # must be put in quotes"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy text", e);
        }
        return topics;
    }

    private static Topic readTopic(RawTopic raw, List<String> problems) {
        JsonNode node = raw.node();
        if (!node.isObject()) {
            problems.add(raw.label(null) + ": a topic must be a set of keys (id:, name:, phrases: ...), not "
                    + describe(node) + " — check the indentation");
            return null;
        }
        int before = problems.size();
        String id = text(node, "id");
        String label = raw.label(id != null && !id.isBlank() ? id : null);
        node.fieldNames().forEachRemaining(key -> {
            if (!TOPIC_KEYS.contains(key)) {
                problems.add(label + ": unknown key \"" + key + "\""
                        + fix(key, TOPIC_KEYS, "a topic's keys are " + String.join(", ", TOPIC_KEYS)));
            }
        });
        // A misspelt key may be the phrases the topic seems to lack: then "can never match" would mislead.
        boolean keysRead = problems.size() == before;
        if (!node.has("id") || node.get("id").isNull()) {
            problems.add(label + ": missing key \"id\" — add e.g. id: public_transport (lower-case letters, digits and"
                    + " underscores, starting with a letter)");
        } else if (!node.get("id").isTextual()) {
            problems.add(label + ": \"id\" must be a word such as public_transport, not " + describe(node.get("id")));
        } else if (!SNAKE_CASE.matcher(id).matches()) {
            problems.add(label + ": \"id\" " + quote(id) + " is not snake_case — use lower-case letters, digits and"
                    + " underscores, starting with a letter, e.g. " + quote(snakeCase(id)));
        }
        String name = text(node, "name");
        if (name == null || name.isBlank()) {
            problems.add(label + ": missing key \"name\" — add e.g. name: \"Public transport\" (shown on dashboards)");
        }
        String parent = null;
        if (node.hasNonNull("parent")) {
            if (node.get("parent").isTextual() && !node.get("parent").asText().isBlank()) {
                parent = node.get("parent").asText().trim();
            } else {
                problems.add(label + ": \"parent\" must be the id of another topic, not " + describe(node.get("parent")));
            }
        }
        int beforeLists = problems.size();
        List<String> phrases = list(node, "phrases", label, problems);
        List<String> hashtags = list(node, "hashtags", label, problems);
        List<String> lemmas = list(node, "lemmas", label, problems);
        boolean listsRead = problems.size() == beforeLists;
        List<String> exclude = list(node, "exclude", label, problems);
        checkPhrases(phrases, "phrases", label, problems);
        checkPhrases(exclude, "exclude", label, problems);
        List<String> normalizedHashtags = new ArrayList<>();
        for (String hashtag : hashtags) {
            String tag = hashtag.startsWith("#") ? hashtag.substring(1) : hashtag;
            if (tag.isEmpty() || !tag.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                problems.add(label + ": hashtag " + quote(hashtag) + " is not one word of letters, digits and _"
                        + " — put phrases with spaces under \"phrases\"");
            }
            normalizedHashtags.add(tag.toLowerCase(Locale.ROOT));
        }
        List<String> normalizedLemmas = new ArrayList<>();
        for (String lemma : lemmas) {
            if (lemma.chars().anyMatch(Character::isWhitespace)) {
                problems.add(label + ": lemma " + quote(lemma) + " is more than one word — put it under \"phrases\"");
            }
            normalizedLemmas.add(lemma.toLowerCase(Locale.ROOT));
        }
        if (phrases.isEmpty() && hashtags.isEmpty() && lemmas.isEmpty() && keysRead && listsRead) {
            problems.add(label + ": no \"phrases\", \"hashtags\" or \"lemmas\", so it can never match — add at least"
                    + " one, e.g. phrases: [" + (id == null ? "some words" : snakeCase(id).replace('_', ' ')) + "]");
        }
        return problems.size() == before
                ? new Topic(id, name.trim(), parent, phrases, normalizedHashtags, normalizedLemmas, exclude)
                : null;
    }

    private static void checkPhrases(List<String> phrases, String key, String label, List<String> problems) {
        for (String phrase : phrases) {
            if (phrase.startsWith("#")) {
                problems.add(label + ": " + key + " entry " + quote(phrase) + " is a hashtag — list it under"
                        + " \"hashtags\" instead");
            } else if (!HAS_LETTER_OR_DIGIT.matcher(phrase).matches()) {
                problems.add(label + ": " + key + " entry " + quote(phrase) + " has no letters or digits, so it"
                        + " can never match — remove it");
            }
        }
    }

    /** A list of plain texts, empty when the key is absent. */
    private static List<String> list(JsonNode topic, String key, String label, List<String> problems) {
        JsonNode node = topic.get(key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(label + ": \"" + key + "\" must be a list, not " + describe(node) + " — write each entry on"
                    + " its own line starting with \"- \", or as [first, second]");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String where = label + ": \"" + key + "\" entry " + (i + 1);
            if (item.isNull() || (item.isValueNode() && item.asText().isBlank())) {
                problems.add(where + " is empty — remove the empty \"- \" line; if you wrote \"- #tag\", YAML reads"
                        + " everything after # as a comment: write the hashtag without # or in quotes");
            } else if (!item.isValueNode()) {
                problems.add(where + " must be plain text, not " + describe(item)
                        + " — put it in quotes if it contains \": \"");
            } else {
                values.add(item.asText().trim());
            }
        }
        return values;
    }

    private static void checkIdsAndParents(List<Topic> topics, List<RawTopic> sources, List<String> problems) {
        Map<String, Integer> firstIndexById = new HashMap<>();
        for (int i = 0; i < topics.size(); i++) {
            Integer first = firstIndexById.putIfAbsent(topics.get(i).id(), i);
            if (first != null) {
                problems.add(sources.get(i).label(topics.get(i).id()) + ": duplicate \"id\" — "
                        + sources.get(first).label(topics.get(first).id()) + " already uses it; give each topic its own id");
            }
        }
        Map<String, String> parents = new HashMap<>();
        topics.forEach(topic -> parents.putIfAbsent(topic.id(), topic.parent()));
        Set<String> reportedInCycle = new LinkedHashSet<>();
        for (int i = 0; i < topics.size(); i++) {
            Topic topic = topics.get(i);
            String label = sources.get(i).label(topic.id());
            if (topic.parent() == null) {
                continue;
            }
            if (topic.parent().equals(topic.id())) {
                problems.add(label + ": \"parent\" is the topic itself — remove \"parent\" or name another topic's id");
                reportedInCycle.add(topic.id());
            } else if (!parents.containsKey(topic.parent())) {
                problems.add(label + ": \"parent\" " + quote(topic.parent()) + " is not the id of any topic"
                        + fix(topic.parent(), parents.keySet(), "use another topic's id or remove \"parent\""));
            } else if (!reportedInCycle.contains(topic.id())) {
                List<String> chain = cycleFrom(topic.id(), parents);
                if (!chain.isEmpty()) {
                    reportedInCycle.addAll(chain);
                    problems.add(label + ": \"parent\" goes round in a circle (" + String.join(" -> ", chain) + " -> "
                            + chain.get(0) + ") — remove \"parent\" from one of these topics");
                }
            }
        }
    }

    /** The ids of the parent cycle that starts at {@code id}, or empty when following parents ends. */
    private static List<String> cycleFrom(String id, Map<String, String> parents) {
        List<String> chain = new ArrayList<>();
        String current = id;
        while (current != null && !chain.contains(current)) {
            chain.add(current);
            current = parents.get(current);
        }
        return id.equals(current) ? chain : List.of();
    }

    private static String text(JsonNode topic, String key) {
        JsonNode value = topic.get(key);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText().trim() : null;
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a set of keys";
        }
        return node.isTextual() ? "the text " + quote(node.asText()) : "the value " + node.asText();
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static String snakeCase(String id) {
        String snake = id.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return snake.isEmpty() || !Character.isLetter(snake.charAt(0)) ? "topic_" + snake : snake;
    }

    /** " — did you mean "x"?" for a near miss (a typo, a missing or an extra letter), else " — " + otherwise. */
    private static String fix(String given, Iterable<String> candidates, String otherwise) {
        return NearMiss.closest(given, candidates).map(best -> " — did you mean " + quote(best) + "?")
                .orElse(" — " + otherwise);
    }
}
