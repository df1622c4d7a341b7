package dev.earshot.connectors.http;

import static dev.earshot.connectors.http.AlertDeliveryWriterTest.FAST;
import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.connectors.http.AlertReceiver.Answer;
import dev.earshot.connectors.http.AlertReceiver.Received;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.respond.alerts.ChannelType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A slack-api channel against a local chat.postMessage that answers as Slack does: one thread per incident. */
class SlackApiDeliveryTest extends AlertReceiverFixture {

    private static final String TOKEN_ENV = "EARSHOT_SLACK_BOT_TOKEN";

    private AlertChannel care() {
        return new AlertChannel("care-slack", ChannelType.SLACK_API, null, null, TOKEN_ENV, AlertReceiver.SLACK_CHANNEL,
                receiver.slackApiUrl(), null, null, 4, "https://kibana.example.com", null, null, null);
    }

    private AlertDeliveryWriter writer() {
        AlertsConfig config = new AlertsConfig(List.of(care()), FAST);
        return new AlertDeliveryWriter(config, ChannelEndpoint.resolve(config.channels(),
                Map.of(TOKEN_ENV, AlertReceiver.SLACK_BOT_TOKEN)::get), deadLetters, Clock.systemUTC());
    }

    private List<Received> posts() {
        return receiver.at(AlertReceiver.SLACK_API_PATH);
    }

    @Test
    void eachIncidentsFollowUpsReplyInTheThreadOfItsFirstMessageAndTheResolutionIsBroadcast() throws Exception {
        try (AlertDeliveryWriter writer = writer()) {
            writer.write(SampleAlerts.parking("incident-a", OPEN, 5), null);
            writer.write(SampleAlerts.parking("incident-b", OPEN, 6), null);
            writer.write(SampleAlerts.parking("incident-a", UPDATED, 5), null);
            writer.write(SampleAlerts.parking("incident-a", UPDATED, 7), null);
            writer.write(SampleAlerts.parking("incident-b", UPDATED, 8), null);
            writer.write(SampleAlerts.parking("incident-a", RESOLVED, 7), null);
            writer.flush(true);
            assertThat(writer.stats()).isEqualTo(new AlertDeliveryWriter.Stats(5, 0, 0, 1));
            assertThat(writer.snapshotState(1).get(0).slackThreads()).as("the resolved incident left the state")
                    .containsOnlyKeys("care-slack|incident-b");
        }
        assertThat(posts()).allSatisfy(post -> {
            assertThat(post.problems()).as("method, token, content type, channel, blocks, thread_ts").isEmpty();
            assertThat(post.answeredStatus()).isEqualTo(200);
            assertThat(post.postedTs()).isNotNull();
            assertThat(post.json().get("channel").asText()).isEqualTo(AlertReceiver.SLACK_CHANNEL);
        });
        List<Received> a = posts().stream().filter(post -> post.json().toString().contains("incident-a")).toList();
        List<Received> b = posts().stream().filter(post -> post.json().toString().contains("incident-b")).toList();
        assertThat(a).extracting(Received::messagePosition).containsExactly("FIRST", "UPDATE", "RESOLUTION");
        assertThat(a.get(0).json().has("thread_ts")).isFalse();
        assertThat(a.get(1).json().get("thread_ts").asText()).isEqualTo(a.get(0).postedTs());
        assertThat(a.get(1).json().has("reply_broadcast")).isFalse();
        assertThat(a.get(2).json().get("thread_ts").asText()).isEqualTo(a.get(0).postedTs());
        assertThat(a.get(2).json().get("reply_broadcast").asBoolean()).isTrue();
        assertThat(b).extracting(Received::messagePosition).containsExactly("FIRST", "UPDATE");
        assertThat(b.get(1).json().get("thread_ts").asText()).isEqualTo(b.get(0).postedTs()).isNotEqualTo(a.get(0).postedTs());
    }

    @Test
    void okFalseIsADeadLetterWithSlacksErrorCodeAndTheNextFollowUpStartsTheThreadTopLevel() throws Exception {
        receiver.answer(number -> number == 1 ? Answer.of(200, "{\"ok\":false,\"error\":\"not_in_channel\"}") : null);
        Alert first = SampleAlerts.parking("incident-a", OPEN, 5);
        try (AlertDeliveryWriter writer = writer()) {
            writer.write(first, null);
            writer.write(SampleAlerts.parking("incident-a", UPDATED, 7), null);
            writer.write(SampleAlerts.parking("incident-a", RESOLVED, 7), null);
            writer.flush(true);
        }
        assertThat(posts()).hasSize(3).extracting(Received::answeredStatus).containsOnly(200);
        DeadLetter letter = deadLetters.letters.get(0);
        assertThat(deadLetters.letters).hasSize(1);
        assertThat(letter.reason()).isEqualTo("channel 'care-slack' (slack-api): Slack error not_in_channel: invite the app "
                + "to the channel (/invite @app-name in Slack) (not retried: the request itself was refused)");
        assertThat(Json.read(letter.raw(), Alert.class)).isEqualTo(first);
        assertThat(List.of(letter.reason(), letter.origin(), letter.raw())).allSatisfy(text ->
                assertThat(text).doesNotContain(AlertReceiver.SLACK_BOT_TOKEN));

        Received update = posts().get(1);
        assertThat(update.json().has("thread_ts")).as("the first message's ts is unknown").isFalse();
        assertThat(update.json().get("text").asText()).startsWith("Update to incident incident-a: ");
        assertThat(posts().get(2).json().get("thread_ts").asText()).as("the update started the thread")
                .isEqualTo(update.postedTs());
    }

    @Test
    void a429IsRetriedAfterTheSecondsItsRetryAfterAsksFor() throws Exception {
        receiver.answer(number -> number == 1 ? new Answer(429, "{\"ok\":false,\"error\":\"ratelimited\"}", "1", Duration.ZERO) : null);
        try (AlertDeliveryWriter writer = writer()) {
            writer.write(SampleAlerts.parking("incident-a", OPEN, 5), null);
            writer.flush(true);
            assertThat(writer.stats()).isEqualTo(new AlertDeliveryWriter.Stats(1, 1, 0, 0));
        }
        List<Received> attempts = posts();
        assertThat(attempts).extracting(Received::answeredStatus).containsExactly(429, 200);
        assertThat(Duration.ofNanos(attempts.get(1).nanoTime() - attempts.get(0).nanoTime()))
                .as("our own backoff would be 10-20 ms").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(deadLetters.letters).isEmpty();
    }

    @Test
    void aRestoredWriterRepliesInTheThreadItsCheckpointRemembers() throws Exception {
        byte[] checkpoint;
        AlertDeliveryState.Serializer serializer = new AlertDeliveryState.Serializer();
        try (AlertDeliveryWriter writer = writer()) {
            writer.write(SampleAlerts.parking("incident-a", OPEN, 5), null);
            writer.flush(false);
            checkpoint = serializer.serialize(writer.snapshotState(1).get(0));
        }
        try (AlertDeliveryWriter restored = writer()) {
            restored.restore(serializer.deserialize(serializer.getVersion(), checkpoint));
            restored.write(SampleAlerts.parking("incident-a", UPDATED, 7), null);
            restored.write(SampleAlerts.parking("incident-a", RESOLVED, 7), null);
            restored.flush(true);
            assertThat(restored.snapshotState(2).get(0).slackThreads()).isEmpty();
        }
        List<Received> posts = posts();
        assertThat(posts).extracting(Received::messagePosition).containsExactly("FIRST", "UPDATE", "RESOLUTION");
        assertThat(posts).allSatisfy(post -> assertThat(post.problems()).isEmpty());
        assertThat(posts.subList(1, 3)).extracting(post -> post.json().get("thread_ts").asText())
                .containsOnly(posts.get(0).postedTs());
    }

    @Test
    void aMissingOrMalformedBotTokenStopsStartUpNamingItsVariableNotItsValue() {
        List<AlertChannel> channels = List.of(care());
        assertThatThrownBy(() -> ChannelEndpoint.resolve(channels, Map.<String, String>of()::get))
                .hasMessage("respond.alerts.channels 'care-slack': the environment variable EARSHOT_SLACK_BOT_TOKEN (tokenEnv) "
                        + "is not set; set it to the Slack app's Bot User OAuth Token (xoxb-..., scope chat:write) on every "
                        + "task manager");
        assertThatThrownBy(() -> ChannelEndpoint.resolve(channels, Map.of(TOKEN_ENV, "Bearer s3cr3t-token")::get))
                .hasMessage("respond.alerts.channels 'care-slack': the environment variable EARSHOT_SLACK_BOT_TOKEN (tokenEnv) "
                        + "does not hold a Slack token (xoxb-...); its value is not shown because it is a secret");
        assertThat(ChannelEndpoint.resolve(channels, Map.of(TOKEN_ENV, AlertReceiver.SLACK_BOT_TOKEN)::get).toString())
                .doesNotContain(AlertReceiver.SLACK_BOT_TOKEN).contains(TOKEN_ENV);
    }
}
