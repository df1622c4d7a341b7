package dev.earshot.enrich.topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A user-editable list of topics, read from YAML (the format is documented at the top of each bundled file in
 * {@code src/main/resources/taxonomies/}). Immutable, and parsing has no side effects, so a running job can
 * parse a new taxonomy and swap the {@link TopicMatcher} compiled from it at any time.
 */
public final class Taxonomy {

    /** The taxonomies shipped in the jar, for {@link #bundled(String)}. */
    public static final List<String> BUNDLED = List.of("city-operations", "brand-care", "airline-care");

    private static final YAMLMapper YAML_WRITER = new YAMLMapper();

    private final List<Topic> topics;
    private final Map<String, Topic> topicsById;
    private final String yaml;

    private Taxonomy(List<Topic> topics, String yaml) {
        this.topics = List.copyOf(topics);
        Map<String, Topic> byId = new LinkedHashMap<>();
        topics.forEach(topic -> byId.put(topic.id(), topic));
        this.topicsById = Map.copyOf(byId);
        this.yaml = yaml;
    }

    /**
     * Reads and validates a taxonomy.
     *
     * @throws TaxonomyException listing every problem, each naming the topic, the key and the fix
     */
    public static Taxonomy parse(String yaml) {
        return new Taxonomy(TaxonomyParser.parse(yaml), yaml);
    }

    /** One of the {@link #BUNDLED} taxonomies, e.g. {@code "city-operations"}. */
    public static Taxonomy bundled(String name) {
        if (!BUNDLED.contains(name)) {
            throw new IllegalArgumentException("no bundled taxonomy \"" + name + "\" — use one of " + BUNDLED
                    + ", or Taxonomy.parse(yaml) for your own file");
        }
        String resource = "/taxonomies/" + name + ".yaml";
        try (InputStream in = Taxonomy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled taxonomy " + resource + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled taxonomy " + resource, e);
        }
    }

    /** The topics in file order, which is also the order {@link TopicMatcher#match} returns ids in. */
    public List<Topic> topics() {
        return topics;
    }

    public List<String> ids() {
        return topics.stream().map(Topic::id).toList();
    }

    public Optional<Topic> topic(String id) {
        return Optional.ofNullable(topicsById.get(id));
    }

    /**
     * This taxonomy with more phrases and hashtags for some topics (by id), e.g. the suggestions an author
     * accepted. Its {@link #yaml()} is regenerated from the topics, without the original's comments.
     *
     * @throws TaxonomyException if an addition names no topic of this taxonomy or is not a valid entry
     */
    public Taxonomy withMore(Map<String, List<String>> phrasesByTopic, Map<String, List<String>> hashtagsByTopic) {
        List<String> unknown = Stream.concat(phrasesByTopic.keySet().stream(), hashtagsByTopic.keySet().stream())
                .filter(id -> !topicsById.containsKey(id)).distinct().sorted()
                .map(id -> "cannot add to topic \"" + id + "\": no topic has that id — use one of " + ids()).toList();
        if (!unknown.isEmpty()) {
            throw new TaxonomyException(unknown);
        }
        List<Map<String, Object>> written = new ArrayList<>();
        for (Topic topic : topics) {
            Map<String, Object> keys = new LinkedHashMap<>();
            keys.put("id", topic.id());
            keys.put("name", topic.name());
            if (topic.parent() != null) {
                keys.put("parent", topic.parent());
            }
            putIfAny(keys, "phrases", concat(topic.phrases(), phrasesByTopic.get(topic.id())));
            putIfAny(keys, "hashtags", concat(topic.hashtags(), hashtagsByTopic.get(topic.id())));
            putIfAny(keys, "lemmas", topic.lemmas());
            putIfAny(keys, "exclude", topic.exclude());
            written.add(keys);
        }
        try {
            return parse(YAML_WRITER.writeValueAsString(Map.of("topics", written)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write taxonomy YAML", e);
        }
    }

    private static List<String> concat(List<String> first, List<String> more) {
        return more == null ? first : Stream.concat(first.stream(), more.stream()).distinct().toList();
    }

    private static void putIfAny(Map<String, Object> keys, String key, List<String> values) {
        if (!values.isEmpty()) {
            keys.put(key, values);
        }
    }

    /** The YAML this taxonomy was parsed from: what to keep in state or ship to other tasks to rebuild it. */
    public String yaml() {
        return yaml;
    }
}
