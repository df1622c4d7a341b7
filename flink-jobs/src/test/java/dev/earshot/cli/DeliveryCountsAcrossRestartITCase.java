package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.file.DeliveryLedger;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.connectors.helpdesk.HelpdeskKind;
import dev.earshot.connectors.helpdesk.HelpdeskSettings;
import dev.earshot.connectors.helpdesk.HelpdeskSink;
import dev.earshot.connectors.helpdesk.WebhookDeliveryTest.FakeReceiver;
import dev.earshot.connectors.http.AlertDeliverySink;
import dev.earshot.connectors.http.AlertReceiver;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.DeliveryPolicy;
import dev.earshot.respond.alerts.RateLimit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
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
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
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
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(restartingOnce());
            env.setParallelism(1);
            env.enableCheckpointing(3 * PACE_MILLIS); // records pass between checkpoints
            env.fromData(versions, JsonTypeInfo.of(HandoffTicket.class))
                    .map(new FailsOnceAfterADeliveryNoCheckpointHolds<HandoffTicket>()).returns(JsonTypeInfo.of(HandoffTicket.class))
                    .keyBy(HandoffTicket::id)
                    .sinkTo(new HelpdeskSink(webhook, Map.of("HOOK_TOKEN", FakeReceiver.TOKEN)::get,
                            new JsonLinesFileSink<>(output, "helpdesk-dead-letters")).recordingIn(new DeliveryLedger.Recorder(List.of(output))));
            Instant started = Instant.now();

            JobExecutionResult result = env.execute("ticket versions, one failure");

            Map<String, Object> counters = result.getAllAccumulatorResults();
            RunSummary summary = new RunSummary(counters, List.of(), 1, new DeliveryTally(output, started).count());
            assertThat(new RunSummary(counters).get(Counters.HELPDESK_DELIVERED)).as("the counters since the restart")
                    .isPositive().isLessThan(versions.size());
            assertThat(summary.deliveryLines(output, false)).isEqualTo(System.lineSeparator()
                    + "  helpdesk        " + versions.size() + " of " + versions.size() + " ticket versions delivered");
            assertThat(summary.progressLine(Duration.ofSeconds(2)))
                    .endsWith(" · 0 tickets · " + versions.size() + " delivered, 0 dead-lettered");
            assertThat(Files.readAllLines(DeliveryLedger.fileIn(output))).as("replayed versions are recorded again")
                    .hasSizeGreaterThanOrEqualTo(versions.size());
            assertThat(receiver.violations).isEmpty();
        }
    }

    /**
     * An incoming webhook cannot be searched, so the restarted job posts again what it delivered after the checkpoint
     * it resumed from: Slack shows those messages twice, and the summary says how many, rather than only counting
     * each message once.
     */
    @Test
    void theSummarySaysWhichSlackMessagesTheRestartPostedAgain() throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (int incident = 0; incident < 8; incident++) {
            alerts.add(parkingAlert("incident-" + incident, AlertStatus.OPEN));
            alerts.add(parkingAlert("incident-" + incident, AlertStatus.RESOLVED));
        }
        try (AlertReceiver receiver = new AlertReceiver()) {
            Path output = work.resolve("output");
            // no rate limit: each message goes out before the next record, not seconds later
            AlertChannel slack = new AlertChannel("ops-slack", ChannelType.SLACK, "SLACK_URL", null, null, null, null, null, null,
                    null, null, new RateLimit(60_000.0, alerts.size(), null), null, null);
            AlertsConfig config = new AlertsConfig(List.of(slack), DeliveryPolicy.defaults());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(restartingOnce());
            env.setParallelism(1);
            env.enableCheckpointing(3 * PACE_MILLIS); // records pass between checkpoints
            env.fromData(alerts, JsonTypeInfo.of(Alert.class))
                    .map(new FailsOnceAfterADeliveryNoCheckpointHolds<Alert>()).returns(JsonTypeInfo.of(Alert.class))
                    .sinkTo(new AlertDeliverySink(config, new JsonLinesFileSink<>(output, "alert-delivery-dead-letters"),
                            Map.of("SLACK_URL", receiver.slackUrl())::get).recordingIn(new DeliveryLedger.Recorder(List.of(output))));
            Instant started = Instant.now();

            Map<String, Object> counters = env.execute("alerts, one failure").getAllAccumulatorResults();

            List<AlertReceiver.Received> posted = receiver.at(AlertReceiver.SLACK_PATH);
            long postedAgain = posted.size() - alerts.size();
            assertThat(postedAgain).as("the messages delivered after the checkpoint are posted again").isPositive();
            assertThat(posted.stream().map(AlertReceiver.Received::idempotencyKey).distinct()).hasSize(alerts.size());
            RunSummary summary = new RunSummary(counters, List.of(), 1, new DeliveryTally(output, started).count());
            assertThat(summary.deliveryLines(output, false)).isEqualTo(System.lineSeparator() + "  alert channels  ops-slack "
                    + alerts.size() + " of " + alerts.size() + " messages delivered, " + postedAgain + " sent again after the restart");
        }
    }

    private static Configuration restartingOnce() {
        Configuration flinkConfig = new Configuration();
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return flinkConfig;
    }

    private static Alert parkingAlert(String id, AlertStatus status) throws IOException {
        try (InputStream in = DeliveryCountsAcrossRestartITCase.class.getResourceAsStream("/alerts/parking-bengaluru.json")) {
            ObjectNode alert = (ObjectNode) Json.mapper().readTree(in);
            alert.put("id", id).put("status", status.name());
            return Json.mapper().treeToValue(alert, Alert.class);
        }
    }

    /**
     * Passes records on one every {@link #PACE_MILLIS}, so that what it passed is delivered before the next; in the
     * job's first attempt, once a checkpoint has completed, it fails at the first record after one that no checkpoint
     * holds, which the sink therefore delivered after the checkpoint the restart resumes from. Its snapshot, taken in
     * the task's thread between records, says what a checkpoint holds; one not completed yet holds less still.
     */
    private static final class FailsOnceAfterADeliveryNoCheckpointHolds<T> extends RichMapFunction<T, T>
            implements CheckpointedFunction, CheckpointListener {

        private int attempt;
        private int passed;
        private int passedAtLastSnapshot;
        private boolean checkpointCompleted;

        @Override
        public void open(OpenContext context) {
            attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        }

        @Override
        public T map(T record) throws InterruptedException {
            Thread.sleep(PACE_MILLIS);
            if (attempt == 0 && checkpointCompleted && passed > passedAtLastSnapshot) {
                throw new IllegalStateException("planted failure at record " + passed);
            }
            passed++;
            return record;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            passedAtLastSnapshot = passed;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointCompleted = true;
        }
    }

    private static List<HandoffTicket> bundledTicketVersions() throws IOException {
        try (InputStream in = DeliveryCountsAcrossRestartITCase.class.getResourceAsStream("/helpdesk/bundled-tickets.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> Json.read(line, HandoffTicket.class)).toList();
        }
    }
}
