package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.flink.SavedState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot run} on a checkpoint.dir another run holds stops at start, before it reads or writes anything. */
class StateFolderInUseTest {

    @TempDir
    Path folder;

    @Test
    @Timeout(60)
    void aSecondRunOnTheSameCheckpointDirIsRefusedInOneLine() throws Exception {
        SavedState state = new SavedState(folder.resolve("state"));
        // No broker: a run that got past the refusal would wait for one, and leave files in the output folder.
        Path config = Files.writeString(folder.resolve("kafka.yaml"), "input: { kind: kafka }\n"
                + "kafka: { bootstrapServers: localhost:1 }\ncheckpoint: { dir: " + state.dir() + " }\n");
        Path output = folder.resolve("output");
        try (AutoCloseable otherRun = state.lock()) {
            CliRun run = CliRun.run("run", "-c", config.toString(), "-o", output.toString(), "--no-service-checks");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines()).containsExactly("earshot: configuration error: checkpoint.dir: " + state.dir()
                    + " holds the state of a run that is running (pid " + ProcessHandle.current().pid() + "), and two "
                    + "runs on one folder would both resume from it and write the same results twice: stop that run, "
                    + "or give this one its own checkpoint.dir");
            assertThat(output.resolve("alerts.jsonl")).doesNotExist();
        }
    }
}
