package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.ConfigLoader;
import dev.earshot.flink.StateSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot run} does not resume from a state saved with other windows: it stops before the job starts. */
class ChangedStateSettingsTest {

    @TempDir
    Path folder;

    @Test
    void aWindowSizeChangedSinceTheStateWasSavedIsRefusedInOneLine() throws Exception {
        Path state = folder.resolve("state");
        String kafka = "input: { kind: kafka }\nkafka: { bootstrapServers: localhost:1 }\ncheckpoint: { dir: " + state + " }\n";
        Path savepoint = Files.createDirectories(state.resolve("savepoints/savepoint-0a1b2c-3d4e5f6a7b8c"));
        Files.write(savepoint.resolve("_metadata"), new byte[] {1});
        StateSettings.of(ConfigLoader.parse(kafka, "saved.yaml")).writeInto(savepoint);
        Path config = Files.writeString(folder.resolve("kafka.yaml"), kafka + "aggregate: { windowSize: 1h, windowSlide: 15m }\n");

        CliRun run = CliRun.run("run", "-c", config.toString(), "-o", folder.resolve("output").toString(), "--no-service-checks");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("earshot: configuration error: checkpoint.dir: the state in " + state
                + " was saved with other settings, which it is shaped by: aggregate.windowSize 2h → 1h, "
                + "aggregate.windowSlide 30m → 15m. Put the old values back to resume from it, or start without it with "
                + "`earshot run --fresh` (detection and tickets start empty)");
    }
}
