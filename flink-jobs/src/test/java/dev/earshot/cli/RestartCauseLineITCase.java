package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.LocalPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earshot run} with Elasticsearch away and the service checks off: the job's Elasticsearch sink fails, Flink
 * restarts the job once ({@code recovery.attempts: 1}), and it fails again for good. The restart is said in one line
 * on stderr that names the failing task and the real exception, without a stack trace; so is the failure that ended
 * the job.
 */
class RestartCauseLineITCase {

    @TempDir
    Path work;

    @Test
    void eachRestartIsOneLineNamingTheTaskAndTheCause() throws IOException {
        String url = "http://localhost:" + LocalPorts.free();
        Path config = Files.writeString(work.resolve("earshot.yaml"), "output: { to: [files, elasticsearch] }\n"
                + "elasticsearch: { url: '" + url + "', retries: 0 }\nrecovery: { attempts: 1, delay: 5s }\n");
        Path input = Files.writeString(work.resolve("posts.jsonl"), "{\"id\":\"forum:1\",\"source\":\"forum\","
                + "\"createdAt\":\"2026-03-04T05:00:00Z\",\"text\":\"Parking in Pune is full\",\"author\":{\"id\":\"a\"}}\n");

        CliRun run = CliRun.run("run", "-c", config.toString(), "-i", input.toString(), "-o", work.resolve("out").toString(),
                "-p", "1", "--no-service-checks");

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).filteredOn(line -> line.startsWith("earshot: the job restarts")).singleElement().asString()
                .startsWith("earshot: the job restarts after a failure (restart 1 of 1, recovery.attempts): ")
                .containsPattern(": IOException: cannot install index template earshot-\\w+ at " + url)
                .endsWith("; caused by ConnectException: Connection refused");
        assertThat(lines).as("the failure that ended the job, read before the local cluster shut down")
                .filteredOn(line -> line.startsWith("earshot: the job failed for good")).singleElement().asString()
                .startsWith("earshot: the job failed for good after 1 restart: ")
                .containsPattern(": IOException: cannot install index template earshot-\\w+ at " + url);
        assertThat(lines).as("no stack trace without --verbose").noneMatch(line -> line.startsWith("\tat "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  caused by ConnectException: Connection refused");
        assertThat(run.err()).containsOnlyOnce("earshot: the job failed: ");
    }
}
