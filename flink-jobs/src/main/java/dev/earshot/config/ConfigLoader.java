package dev.earshot.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.earshot.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code earshot.yaml}: the user's keys are laid over the defaults, then bound strictly, so that an
 * unknown key or a bad value stops start-up with a message naming the key and the fix.
 */
public final class ConfigLoader {

    private static final ObjectMapper BINDER = Json.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .registerModule(new SimpleModule("earshot-durations")
                    .addDeserializer(Duration.class, new Durations.Deserializer())
                    .addSerializer(Duration.class, new Durations.Serializer()));
    private static final YAMLMapper YAML = new YAMLMapper();

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
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
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
            throw new ConfigException(origin + ": unknown key '" + path(e, true) + "'. Known keys there: " + known
                    + ". Fix the spelling or remove the key.", e);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                String section = path(e, false);
                boolean namesItsKey = section.isEmpty() || cause.getMessage().startsWith(section);
                throw new ConfigException(origin + ": " + (namesItsKey ? "" : section + ": ") + cause.getMessage(), e);
            }
            throw new ConfigException(origin + ": key '" + path(e, false) + "' has a bad value: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") , e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + e.getMessage(), e);
        }
    }

    /** Shows the defaults as YAML, for {@code earshot config defaults}. */
    public static String defaultsAsYaml() {
        try {
            return YAML.writeValueAsString(BINDER.valueToTree(EarshotConfig.defaults()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
