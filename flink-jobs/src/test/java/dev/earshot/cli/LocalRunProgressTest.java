package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.config.ConfigLoader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the progress of a local run asks for and reads never piles up, and never fails the run. */
class LocalRunProgressTest {

    @TempDir
    Path output;

    @Test
    void anAskFlinkDoesNotAnswerInTimeIsCancelled() {
        CompletableFuture<String> asked = new CompletableFuture<>();

        assertThatThrownBy(() -> LocalRun.answerWithin(asked, Duration.ofMillis(10))).isInstanceOf(TimeoutException.class);
        assertThat(asked).isCancelled();
    }

    @Test
    void deliveriesThatCannotBeReadAreSaidOnceAndLeftToTheCounters() throws Exception {
        StringWriter said = new StringWriter();
        LocalRun run = new LocalRun(ConfigLoader.parse("parallelism: 1\n", "earshot.yaml"), null, output,
                new PrintStream(OutputStream.nullOutputStream()), new PrintWriter(said), false, false);
        Files.createDirectory(output.resolve("helpdesk-dead-letters.jsonl")); // reading it fails
        run.tallyDeliveriesFrom(output, Instant.now());

        assertThat(run.delivered()).isNull();
        assertThat(run.delivered()).isNull();
        assertThat(said.toString().lines()).singleElement().asString()
                .startsWith("earshot: cannot read what the run delivered from " + output);
    }
}
