package dev.earshot.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The keys that have no default (sections that stay off until configured, such as {@code kafka}), which a YAML
 * listing of the defaults leaves out, so that {@code earshot config} can still show every key.
 */
public final class UnsetKeys {

    private UnsetKeys() {
    }

    /** One line per unset key, {@code kafka: { bootstrapServers, postsTopic, ... }} for a section, in file order. */
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
                lines.add(key + (isOurs(component.getType()) ? ": { " + Arrays.stream(component.getType().getRecordComponents())
                        .map(RecordComponent::getName).collect(Collectors.joining(", ")) + " }" : ""));
            } else if (child instanceof Record record && isOurs(record.getClass())) {
                walk(record, key + ".", lines);
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
