package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.config.ConfigException;
import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateSettingsTest {

    private static final String KAFKA = "input: { kind: kafka }\nkafka: { bootstrapServers: localhost:9092 }\n";

    @TempDir
    Path dir;

    private static EarshotConfig config(String yaml) {
        return ConfigLoader.parse(yaml.contains("kafka:") ? "input: { kind: kafka }\n" + yaml : KAFKA + yaml, "earshot.yaml");
    }

    private SavedState.Snapshot savepoint() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("savepoints/savepoint-aaaaaa-1"));
        Files.write(folder.resolve("_metadata"), new byte[] {1});
        return new SavedState.Snapshot(folder, Instant.parse("2026-03-04T07:00:00Z"), true);
    }

    @Test
    void theSettingsThatShapeTheStateOfAKafkaRun() {
        assertThat(StateSettings.of(config("")).values()).isEqualTo(Map.of("input.kind", "kafka",
                "kafka.postsTopic", "earshot.posts", "kafka.groupId", "earshot", "aggregate.windowSize", "2h",
                "aggregate.windowSlide", "30m", "aggregate.rollups", "true", "aggregate.dailyView", "true",
                "aggregate.dailyWindow", "1d"));
    }

    @Test
    void aChangedWindowIsRefusedNamingEachChangedKeyAndTheFix() throws Exception {
        SavedState.Snapshot saved = savepoint();
        StateSettings.of(config("")).writeInto(saved.path());
        StateSettings changed = StateSettings.of(config("aggregate: { windowSize: 1h, windowSlide: 15m }\n"));

        assertThatThrownBy(() -> changed.checkResume(saved, dir)).isInstanceOf(ConfigException.class)
                .hasMessage("checkpoint.dir: the state in " + dir + " was saved with other settings, which it is "
                        + "shaped by: aggregate.windowSize 2h → 1h, aggregate.windowSlide 30m → 15m. Put the old values "
                        + "back to resume from it, or start without it with `earshot run --fresh` (detection and "
                        + "tickets start empty)");
    }

    @Test
    void anotherTopicIsRefusedButAnotherParallelismOrThresholdResumes() throws Exception {
        SavedState.Snapshot saved = savepoint();
        StateSettings.of(config("")).writeInto(saved.path());

        assertThatThrownBy(() -> StateSettings.of(config("kafka: { bootstrapServers: localhost:9092, postsTopic: other }\n"))
                .checkResume(saved, dir)).hasMessageContaining(": kafka.postsTopic earshot.posts → other. ");
        assertThatCode(() -> StateSettings.of(config("parallelism: 4\ndetect: { baseline: { minRatio: 2.5 } }\n"))
                .checkResume(saved, dir)).doesNotThrowAnyException();
    }

    @Test
    void aCheckpointsSettingsAreTheJobsAndAStateSavedWithoutThemResumesAsBefore() throws Exception {
        Path job = Files.createDirectories(dir.resolve("checkpoints/0123abcd/chk-7")).getParent();
        SavedState.Snapshot checkpoint = new SavedState.Snapshot(job.resolve("chk-7"), Instant.now(), false);
        StateSettings oneHour = StateSettings.of(config("aggregate: { windowSize: 1h }\n"));

        assertThatCode(() -> oneHour.checkResume(checkpoint, dir)).doesNotThrowAnyException();
        StateSettings.of(config("")).writeInto(job);
        assertThatThrownBy(() -> oneHour.checkResume(checkpoint, dir)).hasMessageContaining("aggregate.windowSize 2h → 1h.");
    }
}
