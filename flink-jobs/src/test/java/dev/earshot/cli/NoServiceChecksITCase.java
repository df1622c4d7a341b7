package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.LocalPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --no-service-checks} submits the job without asking the services first, as under {@code flink run}
 * where only the cluster can reach them: with Elasticsearch away, it is the job's sink that fails, not start-up.
 */
class NoServiceChecksITCase {

    @TempDir
    Path work;

    @Test
    void withoutTheChecksTheJobIsSubmittedAndItsSinkMeetsTheMissingService() throws IOException {
        String url = "http://localhost:" + LocalPorts.free();
        Path config = Files.writeString(work.resolve("earshot.yaml"), "output: { to: [files, elasticsearch] }\n"
                + "elasticsearch: { url: '" + url + "', retries: 0 }\nrecovery: { attempts: 0 }\n");
        Path input = Files.writeString(work.resolve("posts.jsonl"), "{\"id\":\"forum:1\",\"source\":\"forum\","
                + "\"createdAt\":\"2026-03-04T05:00:00Z\",\"text\":\"Parking in Pune is full\",\"author\":{\"id\":\"a\"}}\n");
        String[] run = {"run", "-c", config.toString(), "-i", input.toString(), "-o", work.resolve("out").toString(), "-p", "1"};

        CliRun checked = CliRun.run(run);
        CliRun unchecked = CliRun.run(append(run, "--no-service-checks"));

        assertThat(checked.exitCode()).isEqualTo(1);
        assertThat(checked.err()).startsWith("earshot: cannot reach Elasticsearch at " + url + " (elasticsearch.url)");
        assertThat(unchecked.exitCode()).isEqualTo(1);
        assertThat(unchecked.err()).startsWith("earshot: the job failed for good after 0 restarts: ")
                .containsPattern("(?m)^earshot: the job failed: ")
                .containsPattern("cannot install index template earshot-\\w+ at " + url)
                .doesNotContain("cannot reach Elasticsearch at");
    }

    private static String[] append(String[] args, String arg) {
        String[] longer = java.util.Arrays.copyOf(args, args.length + 1);
        longer[args.length] = arg;
        return longer;
    }
}
