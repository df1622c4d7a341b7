package dev.earshot.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.earshot.json.Json;
import dev.earshot.text.NearMiss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code earshot.yaml}: the user's keys are laid over the defaults, then bound strictly, so that an
 * unknown key or a bad value stops start-up with a message naming the key and the fix.
 */
public final class ConfigLoader {

    private static final ObjectMapper BINDER = Json.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .registerModule(new SimpleModule("earshot-durations")
                    .addDeserializer(Duration.class, new Durations.Deserializer())
                    .addSerializer(Duration.class, new Durations.Serializer()));
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '([^']*)'");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();

    private ConfigLoader() {
    }

    public static EarshotConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such configuration file. Leave --config out to run on the defaults.");
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** @param origin the file name used in error messages */
    public static EarshotConfig parse(String yaml, String origin) {
        JsonNode user;
        try {
            user = YAML.readTree(yaml);
        } catch (MismatchedInputException e) {
            // Only a key given twice gets here: the last would silently win.
            java.util.regex.Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
            String parent = path(e, false);
            String key = duplicate.find() ? (parent.isEmpty() ? "" : parent + ".") + duplicate.group(1) : parent;
            throw new ConfigException(origin + ": key '" + key + "' appears twice"
                    + (e.getLocation() == null ? "" : " (the second time on line " + e.getLocation().getLineNr() + ")")
                    + "; keep one", e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": not valid YAML " + yamlProblem(e) + ": close each { with } and each"
                    + " [ with ], indent with spaces (not tabs), and quote a value that holds ': ' or starts with #", e);
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            return EarshotConfig.defaults();
        }
        if (!user.isObject()) {
            throw new ConfigException(origin + ": expected a mapping of keys (such as 'parallelism: 2') at the top level");
        }
        ObjectNode merged = BINDER.valueToTree(EarshotConfig.defaults());
        merge(merged, (ObjectNode) user);
        try {
            return BINDER.treeToValue(merged, EarshotConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            String meant = NearMiss.closest(String.valueOf(e.getPropertyName()),
                    e.getKnownPropertyIds().stream().map(String::valueOf).toList())
                    .map(key -> " Did you mean '" + key + "'?").orElse("");
            throw new ConfigException(origin + ": unknown key '" + path(e, true) + "'." + meant + " Known keys there: "
                    + known + ". Fix the spelling or remove the key.", e);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                String section = path(e, false);
                boolean namesItsKey = section.isEmpty() || cause.getMessage().startsWith(section);
                throw new ConfigException(origin + ": " + (namesItsKey ? "" : section + ": ") + cause.getMessage(), e);
            }
            String expected = e instanceof MismatchedInputException mismatch && !(e instanceof InvalidFormatException && mismatch.getTargetType() == Duration.class)
                    ? expected(mismatch.getTargetType()) : null;
            throw new ConfigException(origin + ": key '" + path(e, false) + "' " + (expected != null ? expected
                    + valueOf(merged, e) : "has a bad value: " + e.getOriginalMessage().lines().findFirst().orElse("")), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where and why SnakeYAML gave up, in lines and columns counted from 1, without its {@code in 'reader'} marks:
     * "at line 2, column 1: expected ',' or '}', but got <stream end> (while parsing a flow mapping that starts at
     * line 1, column 9)".
     */
    private static String yamlProblem(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark context = marked.getContextMark();
                return "at " + lineAndColumn(marked.getProblemMark()) + ": " + marked.getProblem()
                        + (marked.getContext() == null ? "" : " (" + marked.getContext()
                                + (context == null ? "" : " that starts at " + lineAndColumn(context)) + ")");
            }
        }
        return (e.getLocation() == null ? "" : "at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst().orElse("");
    }

    private static String lineAndColumn(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    /** Shows the defaults as YAML, for {@code earshot config defaults}. */
    public static String defaultsAsYaml() {
        try {
            return YAML.writeValueAsString(BINDER.valueToTree(EarshotConfig.defaults()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value as earshot.yaml writes it: 30s, earshot.posts, [a, b], {initialDelay: 1s, maxDelay: 1m}. */
    static String asYaml(Object value) {
        return asYaml((JsonNode) BINDER.valueToTree(value));
    }

    private static String asYaml(JsonNode tree) {
        List<String> items = new ArrayList<>();
        if (tree.isObject()) {
            tree.fields().forEachRemaining(field -> items.add(field.getKey() + ": " + asYaml(field.getValue())));
            return "{" + String.join(", ", items) + "}";
        }
        if (tree.isArray()) {
            tree.elements().forEachRemaining(element -> items.add(asYaml(element)));
            return "[" + String.join(", ", items) + "]";
        }
        return tree.asText();
    }

    /** What a key of this type takes, in the words of the YAML, or null when Jackson's message says it better. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be a whole number, such as 2";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "must be a number, such as 0.5";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list, such as [a, b] (or one item per line, each after '- ')";
        }
        if (type == String.class || type.isEnum()) {
            return "must be a single value";
        }
        return type.getName().startsWith("dev.earshot.") || Map.class.isAssignableFrom(type)
                ? "must be a section of keys (key: value), not a list or a single value" : null;
    }

    /** ", was X" with the value the user wrote at the failing key, when it is a single value. */
    private static String valueOf(JsonNode merged, JsonMappingException e) {
        JsonNode node = merged;
        for (JsonMappingException.Reference ref : e.getPath()) {
            node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
        }
        return node.isValueNode() ? ", was " + node.asText() : node.isArray() ? ", was a list" : node.isObject() ? ", was a section" : "";
    }

    /** Objects merge key by key; any other user value replaces the default. */
    private static void merge(ObjectNode base, ObjectNode overlay) {
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode existing = base.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode overlayObject) {
                merge(existingObject, overlayObject);
            } else {
                base.set(entry.getKey(), entry.getValue());
            }
        }
    }

    private static String path(JsonMappingException e, boolean includeUnknownLeaf) {
        String dotted = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (includeUnknownLeaf && e instanceof UnrecognizedPropertyException u && !dotted.endsWith(u.getPropertyName())) {
            return dotted.isEmpty() ? u.getPropertyName() : dotted + "." + u.getPropertyName();
        }
        return dotted;
    }
}
