package dev.earshot.config;

import dev.earshot.connectors.live.BlueskyOptions;
import dev.earshot.connectors.live.DiscourseOptions;
import dev.earshot.connectors.live.MastodonOptions;
import dev.earshot.connectors.live.XOptions;
import dev.earshot.parse.CsvColumns;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys that have no default (sections that stay off until configured, such as {@code kafka}), which a YAML
 * listing of the defaults leaves out, so that {@code earshot config} can still show every key: each with the value
 * it takes once its section is set, or what it needs.
 */
public final class UnsetKeys {

    static final String REQUIRED = "(required)";
    static final String NONE = "(none)";

    /**
     * A section that is off until set: what it becomes when set with only its required keys (the placeholders there
     * are never shown), the words for those keys, and the keys named otherwise there.
     */
    private record Section(Record whenSet, Map<String, String> needs, Map<String, String> namedThere) {
    }

    private static final Map<Class<?>, Section> SECTIONS = Map.of(
            KafkaConfig.class, new Section(new KafkaConfig("localhost:9092", null, null, null, null, null, null, null,
                    null, null, null, null).toOptions(), Map.of("bootstrapServers", REQUIRED + " e.g. localhost:9092"), Map.of()),
            ElasticsearchConfig.class, new Section(new ElasticsearchConfig("http://localhost:9200", null, null, null, null,
                    null, null, null, null).toSettings(), Map.of("url", REQUIRED + " e.g. http://localhost:9200"),
                    Map.of("retries", "maxRetries")),
            HelpdeskConfig.class, new Section(new HelpdeskConfig("webhook", "https://helpdesk.invalid", null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null).toSettings(),
                    Map.of("kind", REQUIRED + " zendesk, freshdesk or webhook", "url", REQUIRED,
                            "emailEnv", "(required for zendesk)", "tokenEnv", "(required for zendesk and freshdesk)"), Map.of()),
            BlueskyOptions.class, new Section(BlueskyOptions.defaults(), Map.of(), Map.of()),
            XOptions.class, new Section(XOptions.defaults(), Map.of(), Map.of()),
            MastodonOptions.class, new Section(new MastodonOptions(URI.create("https://mastodon.invalid"), null, null, null,
                    null, null, null), Map.of("instance", REQUIRED + " e.g. https://mastodon.social",
                    "tag", "(required for timeline hashtag)", "list", "(required for timeline list)"), Map.of()),
            DiscourseOptions.class, new Section(DiscourseOptions.latest(URI.create("https://forum.invalid")),
                    Map.of("forum", REQUIRED + " e.g. https://meta.discourse.org"), Map.of()),
            CsvColumns.class, new Section(new CsvColumns("text", "createdAt", null, null, null, null, null, null),
                    Map.of("text", REQUIRED + " the column of the post's text", "createdAt", REQUIRED + " the column of its time"),
                    Map.of()));

    private UnsetKeys() {
    }

    /**
     * One line per unset key, in file order: {@code input.path: (none)}, or for a section its name and then each of
     * its keys, indented, with its default ({@code   postsTopic: earshot.posts}) or what it needs.
     */
    public static List<String> of(EarshotConfig config) {
        List<String> lines = new ArrayList<>();
        walk(config, "", lines);
        return lines;
    }

    private static void walk(Record value, String prefix, List<String> lines) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            Object child = read(component, value);
            String key = prefix + component.getName();
            if (child == null) {
                Section section = SECTIONS.get(component.getType());
                if (section == null && isOurs(component.getType())) {
                    throw new IllegalStateException("no defaults known for section " + key + ": add it to UnsetKeys");
                }
                lines.add(key + ":" + (section == null ? " " + NONE : ""));
                if (section != null) {
                    section(component.getType(), section).forEach((name, shown) -> lines.add("  " + name + ": " + shown));
                }
            } else if (child instanceof Record record && isOurs(record.getClass()) && !SECTIONS.containsKey(record.getClass())) {
                walk(record, key + ".", lines);
            }
        }
    }

    /** Each key of the section, as the user writes it, with its default or what it needs. */
    private static Map<String, String> section(Class<?> type, Section section) {
        Map<String, Object> values = new LinkedHashMap<>();
        flatten(section.whenSet(), values);
        Map<String, String> shown = new LinkedHashMap<>();
        for (RecordComponent key : type.getRecordComponents()) {
            String name = key.getName();
            Object value = values.get(section.namedThere().getOrDefault(name, name));
            shown.put(name, section.needs().containsKey(name) ? section.needs().get(name)
                    : value == null ? NONE : ConfigLoader.asYaml(value));
        }
        return shown;
    }

    /** A record's values by name, those of the records it holds too (an option set may group what a section lists). */
    private static void flatten(Record value, Map<String, Object> values) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            Object child = read(component, value);
            values.putIfAbsent(component.getName(), child);
            if (child instanceof Record record && isOurs(record.getClass())) {
                flatten(record, values);
            }
        }
    }

    private static boolean isOurs(Class<?> type) {
        return type.isRecord() && type.getName().startsWith("dev.earshot.");
    }

    private static Object read(RecordComponent component, Record value) {
        try {
            return component.getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
