package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved state the job cannot restore stops {@code earshot run} with one line naming the folder, why and the fix,
 * rather than Flink's stack trace. A damaged savepoint fails as the job starts, before any broker is contacted.
 */
class UnrestorableStateITCase {

    @TempDir
    Path folder;

    @Test
    @Timeout(120)
    void aDamagedSavepointStopsTheRunWithOneLineNamingTheFolderAndFresh() throws Exception {
        Path state = folder.resolve("state");
        Path savepoint = Files.createDirectories(state.resolve("savepoints/savepoint-0a1b2c-3d4e5f6a7b8c"));
        // what a disk filled up or a copy cut short leaves: the start of a metadata file
        Files.write(savepoint.resolve("_metadata"), new byte[] {0x4a, 0x59, 0x65, (byte) 0x9a, 0, 0, 0, 3, 0, 0});
        Path config = Files.writeString(folder.resolve("kafka.yaml"), "input: { kind: kafka }\n"
                + "kafka: { bootstrapServers: localhost:1 }\ncheckpoint: { dir: " + state + " }\n");

        CliRun run = CliRun.run("run", "-c", config.toString(), "-o", folder.resolve("output").toString(), "--no-service-checks");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("earshot: cannot resume from the savepoint " + savepoint + " saved at ")
                .contains("(checkpoint.dir " + state + "): its files are damaged or incomplete (")
                .endsWith("Run the Earshot version and configuration that saved it, or start without it with "
                        + "`earshot run --fresh` (detection and tickets start empty; the state in " + state
                        + " is replaced when that run stops)");
    }
}
