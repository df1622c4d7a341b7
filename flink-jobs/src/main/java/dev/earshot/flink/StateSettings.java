package dev.earshot.flink;

import dev.earshot.config.ConfigException;
import dev.earshot.config.Durations;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.kafka.KafkaOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings a saved state is shaped by, kept next to it ({@value #FILE} in a savepoint's folder, or in the folder of a
 * job's checkpoints) so that a run does not resume from state its configuration makes meaningless. Flink restores such
 * state without complaint: windows of 2h would be the history that windows of 1h are judged against, and a Kafka source
 * would go on reading the topic in its state rather than the one configured. Only settings like these are recorded:
 * parallelism is not one (Flink redistributes keyed state), nor the thresholds of detection (they judge the state, they
 * do not shape it), nor a removed output or stage (Flink refuses that state itself).
 *
 * @param values each setting's key in earshot.yaml and its value as earshot.yaml writes it
 */
public record StateSettings(Map<String, String> values) {

    static final String FILE = "earshot-settings.properties";

    public StateSettings {
        values = Map.copyOf(values);
    }

    public static StateSettings of(EarshotConfig config) {
        Map<String, String> values = new TreeMap<>();
        values.put("input.kind", config.input().kind());
        if (config.input().kind().equals(EarshotConfig.Input.KAFKA)) {
            // the source's state holds the offsets of this topic's partitions, read for this group
            KafkaOptions kafka = config.kafka().toOptions();
            values.put("kafka.postsTopic", kafka.postsTopic());
            values.put("kafka.groupId", kafka.groupId());
        }
        EarshotConfig.Aggregate aggregate = config.aggregate();
        values.put("aggregate.windowSize", Durations.format(aggregate.windowSize()));
        values.put("aggregate.windowSlide", Durations.format(aggregate.windowSlide()));
        values.put("aggregate.rollups", Boolean.toString(aggregate.rollups()));
        values.put("aggregate.dailyView", Boolean.toString(aggregate.dailyView()));
        values.put("aggregate.dailyWindow", Durations.format(aggregate.dailyWindow()));
        return new StateSettings(values);
    }

    /** Writes these settings into {@code folder}, a savepoint's or the folder of a job's checkpoints. */
    public void writeInto(Path folder) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        Files.createDirectories(folder);
        try (Writer out = Files.newBufferedWriter(folder.resolve(FILE), StandardCharsets.UTF_8)) {
            properties.store(out, "what the state next to this file is shaped by: a run with other values does not resume from it");
        }
    }

    /** The settings kept with a snapshot, or empty for one saved before Earshot kept them. */
    static Optional<StateSettings> of(SavedState.Snapshot snapshot) throws IOException {
        Path file = (snapshot.savepoint() ? snapshot.path() : snapshot.path().getParent()).resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return Optional.of(new StateSettings(values));
    }

    /**
     * Refuses to resume from {@code snapshot} if it was saved with other values of these settings, naming each
     * changed key (old → new) and the fix. A snapshot saved without them resumes as before.
     */
    public void checkResume(SavedState.Snapshot snapshot, Path stateDir) throws IOException {
        Optional<StateSettings> saved = of(snapshot);
        if (saved.isEmpty()) {
            return;
        }
        List<String> changed = new ArrayList<>();
        new TreeMap<>(values).forEach((key, value) -> {
            String old = saved.get().values().get(key);
            if (old != null && !old.equals(value)) {
                changed.add(key + " " + old + " → " + value);
            }
        });
        if (!changed.isEmpty()) {
            throw new ConfigException("checkpoint.dir: the state in " + stateDir + " was saved with other settings, "
                    + "which it is shaped by: " + String.join(", ", changed) + ". Put the old values back to resume "
                    + "from it, or start without it with `earshot run --fresh` (detection and tickets start empty)");
        }
    }
}
