package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.LocalPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earshot run} configured for an Elasticsearch that is not there: start-up's service check stops it, and
 * with {@code --no-service-checks} (as under {@code flink run}, where only the cluster can reach the services) it is
 * the job's sink that fails, each restart and the end said in one line that names the task and the real exception.
 */
class ElasticsearchAwayITCase {

    @TempDir
    Path work;

    private final String url = "http://localhost:" + LocalPorts.free();

    @Test
    void withoutTheChecksTheJobIsSubmittedAndItsSinkMeetsTheMissingService() throws IOException {
        String[] run = runWith("recovery: { attempts: 0 }");

        CliRun checked = CliRun.run(run);
        CliRun unchecked = CliRun.run(Stream.concat(Stream.of(run), Stream.of("--no-service-checks")).toArray(String[]::new));

        assertThat(checked.exitCode()).isEqualTo(1);
        assertThat(checked.err()).startsWith("earshot: cannot reach Elasticsearch at " + url + " (elasticsearch.url)");
        assertThat(unchecked.exitCode()).isEqualTo(1);
        assertThat(unchecked.err()).startsWith("earshot: the job failed for good after 0 restarts: ")
                .containsPattern("(?m)^earshot: the job failed: ")
                .containsPattern("cannot install index template earshot-\\w+ at " + url)
                .doesNotContain("cannot reach Elasticsearch at");
    }

    @Test
    void eachRestartIsOneLineNamingTheTaskAndTheCause() throws IOException {
        CliRun run = CliRun.run(Stream.concat(Stream.of(runWith("recovery: { attempts: 1, delay: 5s }")),
                Stream.of("--no-service-checks")).toArray(String[]::new));

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

    /** The arguments of a run of one post with Elasticsearch as an output at a closed port, and this recovery. */
    private String[] runWith(String recovery) throws IOException {
        Path config = Files.writeString(work.resolve("earshot.yaml"), "output: { to: [files, elasticsearch] }\n"
                + "elasticsearch: { url: '" + url + "', retries: 0 }\n" + recovery + "\n");
        Path input = Files.writeString(work.resolve("posts.jsonl"), "{\"id\":\"forum:1\",\"source\":\"forum\","
                + "\"createdAt\":\"2026-03-04T05:00:00Z\",\"text\":\"Parking in Pune is full\",\"author\":{\"id\":\"a\"}}\n");
        return new String[] {"run", "-c", config.toString(), "-i", input.toString(), "-o", work.resolve("out").toString(), "-p", "1"};
    }
}
