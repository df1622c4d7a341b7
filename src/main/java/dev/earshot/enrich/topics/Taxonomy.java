package dev.earshot.enrich.topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user-editable list of topics, read from YAML (the format is documented at the top of each bundled file in
 * {@code src/main/resources/taxonomies/}). Immutable, and parsing has no side effects, so a running job can
 * parse a new taxonomy and swap the {@link TopicMatcher} compiled from it at any time.
 */
public final class Taxonomy {

    /** The taxonomies shipped in the jar, for {@link #bundled(String)}. */
    public static final List<String> BUNDLED = List.of("city-operations", "brand-care", "airline-care");

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

    /** The YAML this taxonomy was parsed from: what to keep in state or ship to other tasks to rebuild it. */
    public String yaml() {
        return yaml;
    }
}
