package dev.earshot.connectors.http;

import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.connectors.http.AlertReceiver.Answer;
import dev.earshot.connectors.http.AlertReceiver.Received;
import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.DeliveryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink in a Flink job: Slack gets the incident's thread (the Web API as replies to the first message), a down
 * webhook's alerts land in the dead-letter sink.
 */
class AlertDeliverySinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @TempDir
    Path output;

    @Test
    void aJobDeliversTheThreadToSlackAndDeadLettersWhatTheDownWebhookRefused() throws Exception {
        try (AlertReceiver receiver = new AlertReceiver()) {
            receiver.answer(attempt -> null);
            AlertsConfig config = new AlertsConfig(List.of(
                    AlertChannel.of("ops-slack", ChannelType.SLACK, "EARSHOT_SLACK_URL", null),
                    AlertChannel.of("pager", ChannelType.WEBHOOK, "EARSHOT_HOOK_URL", "EARSHOT_HOOK_KEY"),
                    new AlertChannel("care-slack", ChannelType.SLACK_API, null, null, "EARSHOT_SLACK_BOT_TOKEN",
                            AlertReceiver.SLACK_CHANNEL, receiver.slackApiUrl(), null, null, null, null, null, null, null)),
                    new DeliveryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(1),
                            Duration.ofSeconds(2), Duration.ofSeconds(1), 8));
            HashMap<String, String> environment = new HashMap<>(Map.of(
                    "EARSHOT_SLACK_URL", receiver.slackUrl(),
                    "EARSHOT_HOOK_URL", receiver.webhookUrl().replace(AlertReceiver.WEBHOOK_PATH, "/down"),
                    "EARSHOT_HOOK_KEY", AlertReceiver.WEBHOOK_KEY, "EARSHOT_SLACK_BOT_TOKEN", AlertReceiver.SLACK_BOT_TOKEN));
            List<Alert> alerts = List.of(SampleAlerts.parking("incident-a", OPEN, 5), SampleAlerts.parking("incident-a", UPDATED, 5),
                    SampleAlerts.parking("incident-a", UPDATED, 8), SampleAlerts.parking("incident-a", RESOLVED, 8));

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromData(alerts, JsonTypeInfo.of(Alert.class))
                    .sinkTo(new AlertDeliverySink(config, new JsonLinesFileSink<>(output, "alert-dead-letters"), environment::get))
                    .name("alert delivery");
            env.execute("alert delivery test");

            List<Received> slack = receiver.at(AlertReceiver.SLACK_PATH);
            assertThat(slack).extracting(Received::messagePosition).containsExactly("FIRST", "UPDATE", "RESOLUTION");
            assertThat(slack).allSatisfy(message -> assertThat(message.problems()).isEmpty());
            List<Received> slackApi = receiver.at(AlertReceiver.SLACK_API_PATH);
            assertThat(slackApi).extracting(Received::messagePosition).containsExactly("FIRST", "UPDATE", "RESOLUTION");
            assertThat(slackApi).allSatisfy(message -> assertThat(message.problems()).isEmpty());
            assertThat(slackApi.subList(1, 3)).extracting(message -> message.json().path("thread_ts").asText())
                    .containsOnly(slackApi.get(0).postedTs());
            List<DeadLetter> deadLetters = Files.readAllLines(JsonLinesFileSink.fileOf(output, "alert-dead-letters")).stream()
                    .map(line -> Json.read(line, DeadLetter.class)).toList();
            assertThat(deadLetters).hasSize(3).allSatisfy(letter -> {
                assertThat(letter.stage()).isEqualTo("deliver");
                assertThat(letter.reason()).startsWith("channel 'pager' (webhook): HTTP 404: ")
                        .endsWith("(not retried: the request itself was refused)");
            });
            assertThat(deadLetters).extracting(letter -> Json.read(letter.raw(), Alert.class).status())
                    .containsExactly(OPEN, UPDATED, RESOLVED);
        }
    }
}
