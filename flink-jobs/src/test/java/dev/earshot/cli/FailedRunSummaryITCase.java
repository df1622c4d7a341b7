package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.LocalPorts;
import dev.earshot.connectors.kafka.LocalKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on Kafka (an endless input) whose job fails for good, its restarts spent on an Elasticsearch that is away:
 * it still prints the summary of the last counts and where the next run resumes, as a stop does, before the cause.
 */
class FailedRunSummaryITCase {

    @TempDir
    Path work;

    @Test
    void aRunThatFailsForGoodSaysWhatItDidAndWhereTheNextRunResumes() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopic("earshot.posts", 1);
            Path state = work.resolve("state");
            Path config = Files.writeString(work.resolve("earshot.yaml"), "input: { kind: kafka }\n"
                    + "kafka: { bootstrapServers: '" + kafka.bootstrapServers() + "', groupId: failed-run }\n"
                    + "output: { to: [files, elasticsearch] }\n"
                    + "elasticsearch: { url: 'http://localhost:" + LocalPorts.free() + "', retries: 0 }\n"
                    + "recovery: { attempts: 1, delay: 1s }\ncheckpoint: { dir: '" + state + "' }\n");

            // A run prints its progress and summary on standard out.
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream standardOut = System.out;
            CliRun run;
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                run = CliRun.run("run", "-c", config.toString(), "-o", work.resolve("out").toString(), "-p", "1",
                        "--no-service-checks");
            } finally {
                System.setOut(standardOut);
            }
            String out = printed.toString(StandardCharsets.UTF_8);
            System.out.print(out);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(out).contains("Earshot INTERRUPTED by the failure below, once its restarts (recovery.*) "
                            + "were spent (the outputs are those of the input read so far)")
                    .containsPattern("(?m)^  records read ")
                    .endsWith("the job failed: the next run resumes from the last checkpoint in " + state
                            + " (checkpoint.dir)" + System.lineSeparator());
            assertThat(run.err()).contains("earshot: the job failed: ").contains("cannot install index template");
        }
    }
}
