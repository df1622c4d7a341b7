package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.file.DeliveryLedger;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.connectors.helpdesk.HelpdeskKind;
import dev.earshot.connectors.helpdesk.HelpdeskSettings;
import dev.earshot.connectors.helpdesk.HelpdeskSink;
import dev.earshot.connectors.helpdesk.WebhookDeliveryTest.FakeReceiver;
import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.flink.Counters;
import dev.earshot.json.Json;
import dev.earshot.model.HandoffTicket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ticket versions to a webhook helpdesk, the job failing once after a checkpoint that followed some deliveries:
 * Flink restarts it from that checkpoint, and its counters start again there, so they miss what was delivered
 * before it. The counts from the ledger and the dead-letter files the run wrote hold every version once.
 */
class DeliveryCountsAcrossRestartITCase {

    /** Each version takes this long on its way, so that checkpoints complete between them. */
    private static final long PACE_MILLIS = 120;

    @TempDir
    Path work;

    @Test
    void theSummaryCountsTheDeliveriesOfTheWholeRunAcrossARestart() throws Exception {
        List<HandoffTicket> versions = bundledTicketVersions();
        try (FakeReceiver receiver = new FakeReceiver()) {
            Path output = work.resolve("output");
            HelpdeskSettings webhook = HelpdeskSettings.of(HelpdeskKind.WEBHOOK, receiver.url() + "/hooks/tickets", null, "HOOK_TOKEN");
            Configuration flinkConfig = new Configuration();
            flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
            flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig);
            env.setParallelism(1);
            env.enableCheckpointing(50);
            env.fromData(versions, JsonTypeInfo.of(HandoffTicket.class))
                    .map(new FailsOnceAfterACheckpoint(versions.size() - 3)).returns(JsonTypeInfo.of(HandoffTicket.class))
                    .keyBy(HandoffTicket::id)
                    .sinkTo(new HelpdeskSink(webhook, Map.of("HOOK_TOKEN", FakeReceiver.TOKEN)::get,
                            new JsonLinesFileSink<>(output, "helpdesk-dead-letters")).recordingIn(new DeliveryLedger.Recorder(List.of(output))));
            Instant started = Instant.now();

            JobExecutionResult result = env.execute("ticket versions, one failure");

            Map<String, Object> counters = result.getAllAccumulatorResults();
            RunSummary summary = new RunSummary(counters, List.of(), 1, new DeliveryTally(output, started).count());
            assertThat(new RunSummary(counters).get(Counters.HELPDESK_DELIVERED)).as("the counters since the restart")
                    .isPositive().isLessThan(versions.size());
            assertThat(summary.deliveryLines(output)).isEqualTo(System.lineSeparator()
                    + "  helpdesk        " + versions.size() + " of " + versions.size() + " ticket versions delivered");
            assertThat(summary.progressLine(Duration.ofSeconds(2)))
                    .endsWith(" · 0 tickets · " + versions.size() + " delivered, 0 dead-lettered");
            assertThat(Files.readAllLines(DeliveryLedger.fileIn(output))).as("replayed versions are recorded again")
                    .hasSizeGreaterThanOrEqualTo(versions.size());
            assertThat(receiver.violations).isEmpty();
        }
    }

    /**
     * Passes versions on one every {@link #PACE_MILLIS}; in the job's first attempt, once a checkpoint has completed
     * after some had passed, it fails at the version numbered {@code failAt}.
     */
    private static final class FailsOnceAfterACheckpoint extends RichMapFunction<HandoffTicket, HandoffTicket>
            implements CheckpointListener {

        private final int failAt;
        private int attempt;
        private int passed;
        private int passedAtLastCheckpoint;

        FailsOnceAfterACheckpoint(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void open(OpenContext context) {
            attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        }

        @Override
        public HandoffTicket map(HandoffTicket version) throws InterruptedException {
            Thread.sleep(PACE_MILLIS);
            if (attempt == 0 && passed >= failAt && passedAtLastCheckpoint >= 2) {
                throw new IllegalStateException("planted failure at version " + passed);
            }
            passed++;
            return version;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            passedAtLastCheckpoint = passed;
        }
    }

    private static List<HandoffTicket> bundledTicketVersions() throws IOException {
        try (InputStream in = DeliveryCountsAcrossRestartITCase.class.getResourceAsStream("/helpdesk/bundled-tickets.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> Json.read(line, HandoffTicket.class)).toList();
        }
    }
}
