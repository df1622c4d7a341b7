package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.file.FolderLock;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot run} into an output folder another run is writing stops at start, before it replaces any file. */
class OutputFolderInUseTest {

    @TempDir
    Path folder;

    @Test
    @Timeout(60)
    void aSecondRunIntoTheSameOutputFolderIsRefusedInOneLineAndDeletesNothing() throws Exception {
        Path output = folder.resolve("output");
        Path alerts = Files.writeString(Files.createDirectories(output).resolve("alerts.jsonl"), "{}\n");
        try (FileChannel otherRun = FolderLock.tryTakeNamingThisProcess(output, LocalRun.OUTPUT_LOCK).orElseThrow()) {
            CliRun run = CliRun.run("run", "-o", output.toString(), "--no-service-checks");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines()).containsExactly("earshot: configuration error: output.dir: " + output
                    + " is being written by a run that is running (pid " + ProcessHandle.current().pid() + "), whose "
                    + "files this run would replace: stop that run, or give this one its own folder with -o DIR");
            assertThat(alerts).hasContent("{}\n");
        }
    }
}
