package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A stop that did not finish in time says what it waited for: the windows, and the deliveries configured. */
class StopWaitsForTest {

    private static LocalRun run(String yaml) {
        EarshotConfig config = ConfigLoader.parse(yaml, "earshot.yaml");
        return new LocalRun(config, null, Path.of("output"), new PrintStream(OutputStream.nullOutputStream()),
                new PrintWriter(new StringWriter()), false, false);
    }

    @Test
    void aStopNamesTheDeliveriesItWaitsFor() {
        LocalRun withDeliveries = run("""
                respond:
                  alerts:
                    channels:
                      - {name: ops-hook, type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_KEY}
                  helpdesk: {kind: zendesk, url: 'https://acme.zendesk.com', emailEnv: ZD_EMAIL, tokenEnv: ZD_TOKEN}
                """);

        assertThat(withDeliveries.whatAStopWaitsFor(false)).isEqualTo("the stop's savepoint waits for the deliveries "
                + "still being retried to the helpdesk at https://acme.zendesk.com and alert channel ops-hook, each up to "
                + "requestTimeout × maxAttempts plus backoffs (respond.helpdesk, respond.alerts.delivery)");
        assertThat(withDeliveries.whatAStopWaitsFor(true)).startsWith("the stop waits for the windows to fire and for the "
                + "deliveries still being retried to the helpdesk");
    }

    @Test
    void withoutDeliveriesAStopWaitsForTheWindowsOrTheSavepoint() {
        LocalRun plain = run("parallelism: 2\n");

        assertThat(plain.whatAStopWaitsFor(true)).isEqualTo("the stop waits for the windows to fire and the files to close");
        assertThat(plain.whatAStopWaitsFor(false)).isEqualTo("the stop's savepoint did not complete");
    }
}
