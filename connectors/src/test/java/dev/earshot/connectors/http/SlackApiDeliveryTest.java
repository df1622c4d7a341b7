package dev.earshot.connectors.http;

import static dev.earshot.connectors.http.AlertDeliveryWriterTest.FAST;
import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.connectors.LoggedEvents;
import dev.earshot.connectors.http.AlertReceiver.Answer;
import dev.earshot.connectors.http.AlertReceiver.Received;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.IdempotencyKeys;
import dev.earshot.respond.alerts.SlackPostMessage;
import dev.earshot.respond.alerts.ThreadPosition;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A slack-api channel against a local Slack that answers as Slack does: one thread per incident, and no message
 * twice when an answer is lost or a job replays from a checkpoint.
 */
class SlackApiDeliveryTest extends AlertReceiverFixture {

    private static final String TOKEN_ENV = "EARSHOT_SLACK_BOT_TOKEN";
    private LoggedEvents warnings;

    @BeforeEach
    void collectWarnings() {
        warnings = new LoggedEvents(HttpDelivery.class, Level.WARN);
    }

    @AfterEach
    void stopCollectingWarnings() {
        warnings.close();
    }

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

    private List<Received> lookups() {
        return receiver.received.stream().filter(request -> request.path().startsWith("/api/conversations.")).toList();
    }

    private static String key(Received post) {
        return post.json().at("/metadata/event_payload/key").asText();
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
            assertThat(post.json().at("/metadata/event_type").asText()).isEqualTo("earshot_alert");
            assertThat(key(post)).isEqualTo(post.idempotencyKey());
        });
        assertThat(lookups()).as("no answer was lost, nothing replayed: nothing to look for").isEmpty();
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
    void okFalseIsADeadLetterWithSlacksErrorCodeAndTheIncidentsThreadIsRootedAtTheUpdateThatGotThrough() throws Exception {
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

        List<AlertReceiver.SlackPost> channel = receiver.slackChannel();
        assertThat(channel).hasSize(2);
        AlertReceiver.SlackPost announcement = channel.get(0);
        assertThat(announcement.threadTs()).as("a top-level message").isNull();
        assertThat(announcement.text()).as("the incident's announcement, at the update's severity")
                .isEqualTo(SampleAlerts.parking("incident-a", UPDATED, 7).summary());
        assertThat(posts().get(1).json().at("/blocks/0/text/text").asText()).isEqualTo("Parking · Bengaluru: worse than peers");
        assertThat(channel.get(1).threadTs()).as("the resolution replies in its thread").isEqualTo(announcement.ts());
        assertThat(channel.get(1).broadcast()).isTrue();
    }

    @Test
    void anIncidentNoneOfWhoseMessagesGotThroughGetsOneTopLevelMessageThatItOpenedAndIsResolved() throws Exception {
        receiver.answer(number -> number <= 2 ? Answer.of(200, "{\"ok\":false,\"error\":\"not_in_channel\"}") : null);
        try (AlertDeliveryWriter writer = writer()) {
            writer.write(SampleAlerts.parking("incident-a", OPEN, 5), null);
            writer.write(SampleAlerts.parking("incident-a", UPDATED, 7), null);
            writer.write(SampleAlerts.parking("incident-a", RESOLVED, 7), null);
            writer.flush(true);
        }
        assertThat(deadLetters.letters).extracting(letter -> Json.read(letter.raw(), Alert.class).status()).containsExactly(OPEN, UPDATED);
        List<AlertReceiver.SlackPost> channel = receiver.slackChannel();
        assertThat(channel).singleElement().satisfies(post -> {
            assertThat(post.threadTs()).isNull();
            assertThat(post.broadcast()).isFalse();
            assertThat(post.text()).startsWith("Incident incident-a opened ").contains(" UTC and is resolved: ");
        });
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

    @ParameterizedTest(name = "answer after posting: {0}")
    @ValueSource(ints = {500, 0})
    void aMessageWhoseAnswerWasLostAfterSlackPostedItIsFoundAndNotPostedAgain(int lostAnswer) throws Exception {
        receiver.answer(number -> number == 1 ? AlertReceiver.Answer.postedThen(lostAnswer, "<html>Internal Server Error</html>") : null);
        try (AlertDeliveryWriter writer = writer()) {
            writer.write(SampleAlerts.parking("incident-a", OPEN, 5), null);
            writer.flush(false);
            writer.write(SampleAlerts.parking("incident-a", UPDATED, 7), null);
            writer.flush(true);
            assertThat(writer.stats()).isEqualTo(new AlertDeliveryWriter.Stats(2, 1, 0, 0));
            assertThat(writer.repostsAvoided()).isEqualTo(1);
        }
        List<AlertReceiver.SlackPost> channel = receiver.slackChannel();
        assertThat(channel).as("the first message once, and the update in its thread").hasSize(2);
        assertThat(channel.get(1).threadTs()).isEqualTo(channel.get(0).ts());
        assertThat(posts()).hasSize(2);
        assertThat(lookups()).singleElement().satisfies(lookup -> {
            assertThat(lookup.path()).isEqualTo(AlertReceiver.HISTORY_PATH);
            assertThat(lookup.problems()).isEmpty();
            assertThat(lookup.params()).containsEntry("channel", AlertReceiver.SLACK_CHANNEL)
                    .containsEntry("include_all_metadata", "true").containsKey("oldest");
            assertThat(new BigDecimal(lookup.params().get("oldest"))).as("from before the first attempt")
                    .isLessThan(new BigDecimal(channel.get(0).ts()));
        });
        assertThat(deadLetters.letters).isEmpty();
    }

    @Test
    void aReplayFromACheckpointTakenBeforeItsMessagesFindsThemAndContinuesTheirThread() throws Exception {
        AlertDeliveryState.Serializer serializer = new AlertDeliveryState.Serializer();
        byte[] checkpoint;
        try (AlertDeliveryWriter failed = writer()) {
            checkpoint = serializer.serialize(failed.snapshotState(1).get(0));
            failed.write(SampleAlerts.parking("incident-a", OPEN, 5), null);
            failed.write(SampleAlerts.parking("incident-a", UPDATED, 7), null);
            failed.flush(false);
        }
        try (AlertDeliveryWriter restored = writer()) {
            restored.restore(serializer.deserialize(serializer.getVersion(), checkpoint));
            restored.write(SampleAlerts.parking("incident-a", OPEN, 5), null);
            restored.write(SampleAlerts.parking("incident-a", UPDATED, 7), null);
            restored.write(SampleAlerts.parking("incident-a", RESOLVED, 7), null);
            restored.flush(false);
            assertThat(restored.repostsAvoided()).isEqualTo(2);
            restored.snapshotState(2);
            restored.write(SampleAlerts.parking("incident-b", OPEN, 6), null);
            restored.flush(true);
        }
        List<AlertReceiver.SlackPost> channel = receiver.slackChannel();
        assertThat(channel).extracting(post -> post.metadata().at("/event_payload/key").asText()).as("each message once")
                .hasSize(4).doesNotHaveDuplicates();
        String thread = channel.get(0).ts();
        assertThat(channel.subList(1, 3)).extracting(AlertReceiver.SlackPost::threadTs).containsOnly(thread);
        assertThat(channel.get(2).broadcast()).as("the resolution").isTrue();
        assertThat(channel.get(3).threadTs()).isNull();
        assertThat(lookups()).as("until the first checkpoint after the restore").extracting(Received::path)
                .containsExactly(AlertReceiver.HISTORY_PATH, AlertReceiver.REPLIES_PATH, AlertReceiver.REPLIES_PATH);
        assertThat(lookups()).allSatisfy(lookup -> assertThat(lookup.problems()).isEmpty());
        assertThat(lookups().subList(1, 3)).extracting(lookup -> lookup.params().get("ts")).containsOnly(thread);
        assertThat(deadLetters.letters).isEmpty();
    }

    @Test
    void aRedeliveryLooksBeforePostingAndSendsOnlyItsVersionsEvenAResolutionWhoseThreadStayedInTheJob() throws Exception {
        Alert postedByTheLostAnswer = SampleAlerts.parking("incident-b", OPEN, 5);
        receiver.postEarlier(SlackPostMessage.body(postedByTheLostAnswer, ThreadPosition.FIRST, care(), null)
                .getBytes(StandardCharsets.UTF_8));
        Alert resolved = SampleAlerts.parking("incident-a", RESOLVED, 3);
        Alert notADeadLetter = SampleAlerts.parking("incident-c", OPEN, 9);
        try (AlertDeliveryWriter writer = writer()) {
            writer.redeliver(Set.of(IdempotencyKeys.of(resolved, "care-slack"), IdempotencyKeys.of(postedByTheLostAnswer, "care-slack")),
                    Instant.now());
            writer.write(resolved, null);
            writer.write(postedByTheLostAnswer, null);
            writer.write(notADeadLetter, null);
            writer.flush(true);
            assertThat(writer.stats().delivered()).isEqualTo(2);
            assertThat(writer.repostsAvoided()).isEqualTo(1);
        }
        assertThat(posts()).as("only the resolution, top-level: its thread stayed in the job").singleElement()
                .satisfies(post -> {
                    assertThat(key(post)).isEqualTo(IdempotencyKeys.of(resolved, "care-slack"));
                    assertThat(post.json().has("thread_ts")).isFalse();
                });
        assertThat(receiver.slackChannel()).hasSize(2);
        assertThat(deadLetters.letters).isEmpty();
    }

    @Test
    void aCheckpointOfAnEarlierVersionWithoutItsTimeStillMakesTheRestoredWriterLook() throws Exception {
        AlertDeliveryState.Serializer serializer = new AlertDeliveryState.Serializer();
        AlertDeliveryState earlier = serializer.deserialize(1, "{\"threads\":{},\"slackThreads\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(earlier.checkpointedAt()).isNull();
        Alert opened = SampleAlerts.parking("incident-a", OPEN, 5);
        String posted = receiver.postEarlier(SlackPostMessage.body(opened, ThreadPosition.FIRST, care(), null)
                .getBytes(StandardCharsets.UTF_8));
        try (AlertDeliveryWriter restored = writer()) {
            restored.restore(earlier);
            restored.write(opened, null);
            restored.flush(true);
            assertThat(restored.repostsAvoided()).isEqualTo(1);
            AlertDeliveryState next = serializer.deserialize(1, serializer.serialize(restored.snapshotState(1).get(0)));
            assertThat(next.slackThreads()).containsExactly(Map.entry("care-slack|incident-a", posted));
            assertThat(next.checkpointedAt()).isNotNull();
        }
        assertThat(receiver.slackChannel()).hasSize(1);
        assertThat(posts()).isEmpty();
    }

    @Test
    void aLookupRefusedForAMissingScopeSaysWhichToAddOnceAndPostsAsBefore() throws Exception {
        receiver.grantScopes("chat:write");
        receiver.answer(number -> number == 1 || number == 3 ? AlertReceiver.Answer.postedThen(500, "") : null);
        try (AlertDeliveryWriter writer = writer()) {
            writer.write(SampleAlerts.parking("incident-a", OPEN, 5), null);
            writer.flush(false);
            writer.write(SampleAlerts.parking("incident-b", OPEN, 6), null);
            writer.flush(true);
            assertThat(writer.stats()).isEqualTo(new AlertDeliveryWriter.Stats(2, 2, 0, 0));
        }
        assertThat(lookups()).as("the channel stopped looking").singleElement()
                .satisfies(lookup -> assertThat(lookup.answeredBody()).contains("\"error\":\"missing_scope\""));
        assertThat(receiver.slackChannel()).as("as before: the retries posted again").hasSize(4);
        assertThat(warnings.messages()).filteredOn(warning -> warning.contains("missing_scope")).containsExactly(
                "channel 'care-slack' (slack-api): cannot look in Slack for a message an earlier attempt or run may have posted "
                        + "(conversations.history: Slack error missing_scope; add the bot scope channels:history under OAuth & "
                        + "Permissions and reinstall the app); posting without looking until the job restarts, so a retry after a "
                        + "lost answer or a replay may post an alert twice");
        assertThat(deadLetters.letters).isEmpty();
    }

    @Test
    void aFollowUpWhoseAnswerWasLostIsFoundInItsThreadAndRepliedOnce() throws Exception {
        receiver.answer(number -> number == 2 ? AlertReceiver.Answer.postedThen(0, "") : null);
        try (AlertDeliveryWriter writer = writer()) {
            writer.write(SampleAlerts.parking("incident-a", OPEN, 5), null);
            writer.write(SampleAlerts.parking("incident-a", UPDATED, 7), null);
            writer.write(SampleAlerts.parking("incident-a", RESOLVED, 7), null);
            writer.flush(true);
            assertThat(writer.stats()).isEqualTo(new AlertDeliveryWriter.Stats(3, 1, 0, 0));
        }
        List<AlertReceiver.SlackPost> channel = receiver.slackChannel();
        assertThat(channel).hasSize(3);
        assertThat(channel.subList(1, 3)).extracting(AlertReceiver.SlackPost::threadTs).containsOnly(channel.get(0).ts());
        assertThat(channel.get(2).broadcast()).isTrue();
        assertThat(lookups()).singleElement().satisfies(lookup -> {
            assertThat(lookup.path()).isEqualTo(AlertReceiver.REPLIES_PATH);
            assertThat(lookup.params()).containsEntry("ts", channel.get(0).ts()).containsEntry("include_all_metadata", "true");
            assertThat(lookup.problems()).isEmpty();
        });
    }

    @Test
    void aMissingOrMalformedBotTokenStopsStartUpNamingItsVariableNotItsValue() {
        List<AlertChannel> channels = List.of(care());
        assertThatThrownBy(() -> ChannelEndpoint.resolve(channels, Map.<String, String>of()::get))
                .hasMessage("respond.alerts.channels 'care-slack': the environment variable EARSHOT_SLACK_BOT_TOKEN (tokenEnv) "
                        + "is not set; set it to the Slack app's Bot User OAuth Token (xoxb-..., scopes chat:write and channels:history, "
                        + "or groups:history for a private channel) on every "
                        + "task manager");
        assertThatThrownBy(() -> ChannelEndpoint.resolve(channels, Map.of(TOKEN_ENV, "Bearer s3cr3t-token")::get))
                .hasMessage("respond.alerts.channels 'care-slack': the environment variable EARSHOT_SLACK_BOT_TOKEN (tokenEnv) "
                        + "does not hold a Slack token (xoxb-...); its value is not shown because it is a secret");
        assertThat(ChannelEndpoint.resolve(channels, Map.of(TOKEN_ENV, AlertReceiver.SLACK_BOT_TOKEN)::get).toString())
                .doesNotContain(AlertReceiver.SLACK_BOT_TOKEN).contains(TOKEN_ENV);
    }
}
