package dev.earshot.connectors.http;

import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.http.AlertReceiver.Answer;
import dev.earshot.connectors.http.AlertReceiver.Received;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.DeliveryPolicy;
import dev.earshot.respond.alerts.IdempotencyKeys;
import dev.earshot.respond.alerts.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The delivery writer against a local receiver that checks the real payload formats. */
class AlertDeliveryWriterTest extends AlertReceiverFixture {

    static final String ID = "84964567570871bdb472";
    static final DeliveryPolicy FAST = new DeliveryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1), 8);

    static AlertChannel slack() {
        return new AlertChannel("ops-slack", ChannelType.SLACK, "EARSHOT_SLACK_URL", null, null, null, null, null, null, null,
                "https://kibana.example.com", null, null, null);
    }

    static AlertChannel webhook() {
        return AlertChannel.of("pager", ChannelType.WEBHOOK, "EARSHOT_HOOK_URL", "EARSHOT_HOOK_KEY");
    }

    Map<String, String> environment() {
        return Map.of("EARSHOT_SLACK_URL", receiver.slackUrl(), "EARSHOT_HOOK_URL", receiver.webhookUrl(),
                "EARSHOT_HOOK_KEY", AlertReceiver.WEBHOOK_KEY);
    }

    AlertDeliveryWriter writer(DeliveryPolicy policy, AlertChannel... channels) {
        AlertsConfig config = new AlertsConfig(List.of(channels), policy);
        return new AlertDeliveryWriter(config, ChannelEndpoint.resolve(config.channels(), environment()::get), deadLetters,
                Clock.systemUTC());
    }

    @Test
    void anIncidentIsOneSlackThreadOfBlockKitMessagesThatSlackAccepts() throws Exception {
        try (AlertDeliveryWriter writer = writer(FAST, slack())) {
            writer.write(SampleAlerts.parking(ID, OPEN, 5), null);
            writer.flush(false);
            writer.write(SampleAlerts.parking(ID, UPDATED, 5), null);
            writer.write(SampleAlerts.parking(ID, UPDATED, 7), null);
            writer.flush(false);
            writer.write(SampleAlerts.parking(ID, RESOLVED, 7), null);
            writer.flush(true);

            List<Received> messages = receiver.at(AlertReceiver.SLACK_PATH);
            assertThat(messages).allSatisfy(message -> {
                assertThat(message.problems()).isEmpty();
                assertThat(message.answeredStatus()).isEqualTo(200);
            });
            assertThat(messages).extracting(Received::messagePosition).containsExactly("FIRST", "UPDATE", "RESOLUTION");
            assertThat(messages.get(0).json().at("/blocks/0/text/text").asText()).isEqualTo("Parking · Bengaluru: worse than peers");
            assertThat(messages.get(1).json().get("text").asText()).startsWith("Update to incident " + ID + ": ");
            assertThat(messages.get(0).idempotencyKey()).isEqualTo(IdempotencyKeys.of(SampleAlerts.parking(ID, OPEN, 5), "ops-slack"));
            assertThat(writer.stats()).isEqualTo(new AlertDeliveryWriter.Stats(3, 0, 0, 1));
            assertThat(deadLetters.letters).isEmpty();
        }
    }

    @Test
    void theGenericWebhookGetsTheCanonicalAlertSignedOverTimestampAndBody() throws Exception {
        Alert alert = SampleAlerts.parking(ID, OPEN, 5);
        try (AlertDeliveryWriter writer = writer(FAST, webhook())) {
            writer.write(alert, null);
            writer.flush(true);
        }
        Received request = receiver.at(AlertReceiver.WEBHOOK_PATH).get(0);
        assertThat(request.problems()).as("the receiver verified the signature").isEmpty();
        assertThat(request.answeredStatus()).isEqualTo(200);
        assertThat(request.json()).isEqualTo(Json.mapper().readTree(Json.write(alert)));
        assertThat(Json.mapper().readValue(request.body(), Alert.class)).isEqualTo(alert);
    }

    @Test
    void a503IsRetriedWithBackoffAndTheSameIdempotencyKey() throws Exception {
        receiver.answer(attempt -> attempt <= 2 ? Answer.of(503, "upstream busy") : null);
        try (AlertDeliveryWriter writer = writer(FAST, webhook())) {
            writer.write(SampleAlerts.parking(ID, OPEN, 5), null);
            writer.flush(true);
            assertThat(writer.stats()).isEqualTo(new AlertDeliveryWriter.Stats(1, 2, 0, 0));
        }
        List<Received> attempts = receiver.at(AlertReceiver.WEBHOOK_PATH);
        assertThat(attempts).extracting(Received::answeredStatus).containsExactly(503, 503, 200);
        assertThat(attempts).extracting(Received::idempotencyKey).containsOnly(attempts.get(0).idempotencyKey()).doesNotContainNull();
        assertThat(attempts).as("each retry is signed afresh and still verifies").allSatisfy(a -> assertThat(a.problems()).isEmpty());
        assertThat(deadLetters.letters).isEmpty();
    }

    @Test
    void a429WaitsTheSecondsItsRetryAfterAsksFor() throws Exception {
        receiver.answer(attempt -> attempt == 1 ? new Answer(429, "rate_limited", "1", Duration.ZERO) : null);
        try (AlertDeliveryWriter writer = writer(FAST, slack())) {
            writer.write(SampleAlerts.parking(ID, OPEN, 5), null);
            writer.flush(true);
        }
        List<Received> attempts = receiver.at(AlertReceiver.SLACK_PATH);
        assertThat(attempts).extracting(Received::answeredStatus).containsExactly(429, 200);
        assertThat(Duration.ofNanos(attempts.get(1).nanoTime() - attempts.get(0).nanoTime()))
                .as("our own backoff would be 10-20 ms").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(attempts.get(1).idempotencyKey()).isEqualTo(attempts.get(0).idempotencyKey());
    }

    @Test
    void a429WaitsUntilTheHttpDateItsRetryAfterNames() throws Exception {
        receiver.answer(attempt -> attempt == 1 ? new Answer(429, "", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2)), Duration.ZERO) : null);
        try (AlertDeliveryWriter writer = writer(FAST, webhook())) {
            writer.write(SampleAlerts.parking(ID, OPEN, 5), null);
            writer.flush(true);
        }
        List<Received> attempts = receiver.at(AlertReceiver.WEBHOOK_PATH);
        assertThat(attempts).extracting(Received::answeredStatus).containsExactly(429, 200);
        assertThat(Duration.ofNanos(attempts.get(1).nanoTime() - attempts.get(0).nanoTime()))
                .as("the date is 1-2 s ahead at whole-second precision").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void afterTheLastAttemptTheAlertIsADeadLetterWithTheReason() throws Exception {
        receiver.answer(attempt -> Answer.of(503, "Service Unavailable"));
        Alert alert = SampleAlerts.parking(ID, OPEN, 5);
        try (AlertDeliveryWriter writer = writer(FAST, webhook())) {
            writer.write(alert, null);
            writer.flush(true);
            assertThat(writer.stats()).isEqualTo(new AlertDeliveryWriter.Stats(0, 3, 1, 0));
        }
        assertThat(receiver.at(AlertReceiver.WEBHOOK_PATH)).hasSize(FAST.maxAttempts());
        DeadLetter letter = deadLetters.letters.get(0);
        assertThat(deadLetters.letters).hasSize(1);
        assertThat(letter.stage()).isEqualTo("deliver");
        assertThat(letter.reason()).isEqualTo("channel 'pager' (webhook): gave up after 4 attempts, the last: HTTP 503: Service Unavailable");
        assertThat(letter.origin()).isEqualTo("alert " + ID + " OPEN -> channel pager");
        assertThat(Json.read(letter.raw(), Alert.class)).isEqualTo(alert);
        assertThat(letter.rejectedAt()).isNotNull();
        assertThat(deadLetters.closed).isTrue();
    }

    @Test
    void aRefusedRequestIsNotRetried() throws Exception {
        receiver.answer(attempt -> Answer.of(404, "no_service"));
        try (AlertDeliveryWriter writer = writer(FAST, slack())) {
            writer.write(SampleAlerts.parking(ID, OPEN, 5), null);
            writer.flush(true);
        }
        assertThat(receiver.at(AlertReceiver.SLACK_PATH)).hasSize(1);
        assertThat(deadLetters.letters).extracting(DeadLetter::reason)
                .containsExactly("channel 'ops-slack' (slack): HTTP 404: no_service (not retried: the request itself was refused)");
    }

    @Test
    void aSlowEndpointTimesOutAndHoldsTheStreamBackOnlyBoundedly() throws Exception {
        receiver.answer(attempt -> new Answer(200, "ok", null, Duration.ofSeconds(3)));
        DeliveryPolicy impatient = new DeliveryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofSeconds(5),
                Duration.ofMillis(300), Duration.ofMillis(300), 2);
        long started = System.nanoTime();
        try (AlertDeliveryWriter writer = writer(impatient, slack())) {
            for (int i = 0; i < 4; i++) {
                writer.write(SampleAlerts.parking("incident-" + i, OPEN, 5), null);
            }
            writer.flush(true);
            assertThat(writer.stats().deadLetters()).isEqualTo(4);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // 4 messages, 2 at a time, each settled within 2 attempts of 300 ms (+1 s guard) and a 40 ms backoff
        assertThat(took).isLessThan(Duration.ofMillis(2 * (2 * 1300 + 40) + 1000));
        List<Long> arrivals = receiver.arrivals;
        assertThat(arrivals).hasSize(8);
        // A third request may go only once one has timed out (300 ms); half of that is left for a loaded machine
        // to be late answering the first (250 ms failed once under load).
        assertThat(arrivals.stream().filter(at -> at - arrivals.get(0) < Duration.ofMillis(150).toNanos()))
                .as("before the first timeout, only maxInFlight requests were sent").hasSize(2);
        assertThat(deadLetters.letters).extracting(DeadLetter::reason).allSatisfy(reason ->
                assertThat(reason).isEqualTo("channel 'ops-slack' (slack): gave up after 2 attempts, the last: no answer within requestTimeout 300 ms"));
    }

    @Test
    void aResolutionDelayedByTheRateLimitIsSentBeforeTheEndAndWhatTheQuietPeriodHeldBackIsCounted() throws Exception {
        // qa5 defect 2's incident, every version at once: one token a 400 ms, so the resolution waits ~1.2 s for its
        AlertChannel tight = new AlertChannel("pager", ChannelType.WEBHOOK, "EARSHOT_HOOK_URL", "EARSHOT_HOOK_KEY", null, null,
                null, null, null, null, null, new RateLimit(150.0, 1, Duration.ofMinutes(1)), Duration.ofHours(1), 3);
        try (AlertDeliveryWriter writer = writer(FAST, tight)) {
            for (Alert alert : List.of(SampleAlerts.parking(ID, OPEN, 6), SampleAlerts.parking(ID, UPDATED, 7),
                    SampleAlerts.parking(ID, UPDATED, 5), SampleAlerts.parking(ID, UPDATED, 3), SampleAlerts.parking(ID, RESOLVED, 3))) {
                writer.write(alert, null);
            }
            writer.flush(true);

            assertThat(receiver.at(AlertReceiver.WEBHOOK_PATH)).extracting(r -> r.json().get("status").asText() + " "
                    + r.json().get("severity").asInt()).containsExactly("OPEN 6", "UPDATED 7", "UPDATED 5", "RESOLVED 3");
            AlertDeliveryWriter.ChannelCounts counts = writer.channelCounts().get("pager");
            assertThat(List.of(counts.messages().get(), counts.delivered().get(), counts.deadLetters().get(), counts.heldBack().get()))
                    .as("messages, delivered, dead letters, held back").containsExactly(4L, 4L, 0L, 1L);
            assertThat(deadLetters.letters).isEmpty();
        }
    }

    @Test
    void afterAnAnnouncementThatFailedTheNextUpdateAnnouncesTheIncidentAndItsResolutionFollows() throws Exception {
        receiver.answer(attempt -> attempt <= FAST.maxAttempts() ? Answer.of(503, "Service Unavailable") : null);
        Alert open = SampleAlerts.parking(ID, OPEN, 6);
        try (AlertDeliveryWriter writer = writer(FAST, webhook())) {
            writer.write(open, null);
            writer.write(SampleAlerts.parking(ID, UPDATED, 8), null);
            writer.write(SampleAlerts.parking(ID, RESOLVED, 8), null);
            writer.flush(true);
            AlertDeliveryWriter.ChannelCounts counts = writer.channelCounts().get("pager");
            assertThat(List.of(counts.messages().get(), counts.delivered().get(), counts.deadLetters().get(), counts.heldBack().get()))
                    .as("messages, delivered, dead letters, held back").containsExactly(3L, 2L, 1L, 0L);
        }
        List<Received> received = receiver.at(AlertReceiver.WEBHOOK_PATH);
        assertThat(received).extracting(r -> r.json().get("status").asText() + " as " + r.messagePosition())
                .as("the update waited for the announcement's last attempt, then took its place")
                .containsExactly("OPEN as FIRST", "OPEN as FIRST", "OPEN as FIRST", "OPEN as FIRST", "UPDATED as FIRST",
                        "RESOLVED as RESOLUTION");
        assertThat(deadLetters.letters).extracting(letter -> Json.read(letter.raw(), Alert.class)).containsExactly(open);
        assertThat(deadLetters.letters.get(0).reason())
                .isEqualTo("channel 'pager' (webhook): gave up after 4 attempts, the last: HTTP 503: Service Unavailable");
    }

    @Test
    void anIncidentTheRateLimitRefusedThroughoutIsAnnouncedByItsResolutionAsOpenedAndResolved() throws Exception {
        AlertChannel tight = new AlertChannel("pager", ChannelType.WEBHOOK, "EARSHOT_HOOK_URL", "EARSHOT_HOOK_KEY", null, null,
                null, null, null, null, null, new RateLimit(1.0, 1, Duration.ZERO), Duration.ofHours(1), 3);
        AheadOfTime clock = new AheadOfTime();
        List<Alert> refused = List.of(SampleAlerts.parking("incident-b", OPEN, 6), SampleAlerts.parking("incident-b", UPDATED, 8));
        AlertsConfig config = new AlertsConfig(List.of(tight), FAST);
        try (AlertDeliveryWriter writer = new AlertDeliveryWriter(config, ChannelEndpoint.resolve(config.channels(), environment()::get),
                deadLetters, clock)) {
            writer.write(SampleAlerts.parking("incident-a", OPEN, 6), null);
            for (Alert alert : refused) {
                writer.write(alert, null);
            }
            clock.ahead = Duration.ofMinutes(1);
            writer.write(SampleAlerts.parking("incident-b", RESOLVED, 3), null);
            writer.flush(true);
            assertThat(writer.channelCounts().get("pager").deadLetters().get()).isEqualTo(2);
        }
        assertThat(receiver.at(AlertReceiver.WEBHOOK_PATH)).extracting(r -> r.json().get("id").asText() + " " + r.messagePosition())
                .as("two incidents' threads, sent side by side in either order").containsExactlyInAnyOrder("incident-a FIRST",
                        "incident-b OPENED_AND_RESOLVED");
        assertThat(deadLetters.letters).extracting(letter -> Json.read(letter.raw(), Alert.class)).containsExactlyElementsOf(refused);
        assertThat(deadLetters.letters).extracting(DeadLetter::reason).allSatisfy(reason ->
                assertThat(reason).startsWith("channel 'pager' (webhook): rate limit: "));
    }

    @Test
    void aRestoredWriterAnnouncesWithItsNextVersionAnIncidentWhoseAnnouncementFailedBeforeItsCheckpoint() throws Exception {
        receiver.answer(attempt -> attempt <= FAST.maxAttempts() ? Answer.of(503, "Service Unavailable") : null);
        AlertDeliveryState.Serializer serializer = new AlertDeliveryState.Serializer();
        byte[] checkpoint;
        try (AlertDeliveryWriter failed = writer(FAST, webhook())) {
            failed.write(SampleAlerts.parking(ID, OPEN, 6), null);
            failed.flush(false);
            checkpoint = serializer.serialize(failed.snapshotState(1).get(0));
        }
        try (AlertDeliveryWriter restored = writer(FAST, webhook())) {
            restored.restore(serializer.deserialize(serializer.getVersion(), checkpoint));
            restored.write(SampleAlerts.parking(ID, RESOLVED, 6), null);
            restored.flush(true);
            assertThat(restored.snapshotState(2).get(0).unheard()).as("the resolution ended the thread").isEmpty();
        }
        List<Received> received = receiver.at(AlertReceiver.WEBHOOK_PATH);
        assertThat(received).hasSize(FAST.maxAttempts() + 1);
        assertThat(received.get(FAST.maxAttempts()).messagePosition()).isEqualTo("OPENED_AND_RESOLVED");
        assertThat(deadLetters.letters).extracting(DeadLetter::origin).containsExactly("alert " + ID + " OPEN -> channel pager");
    }

    @Test
    void routingSendsEachAlertOnlyWhereItBelongs() throws Exception {
        AlertChannel transportOnly = new AlertChannel("transport", ChannelType.WEBHOOK, "EARSHOT_HOOK_URL", "EARSHOT_HOOK_KEY", null, null, null,
                List.of("public_transport"), null, null, null, null, null, null);
        try (AlertDeliveryWriter writer = writer(FAST, slack(), transportOnly)) {
            writer.write(SampleAlerts.parking(ID, OPEN, 5), null);
            writer.flush(true);
        }
        Set<String> paths = receiver.received.stream().map(Received::path).collect(Collectors.toSet());
        assertThat(paths).containsExactly(AlertReceiver.SLACK_PATH);
    }

    /** The system clock, put ahead by the test: a rate limit's next token without waiting a minute for it. */
    private static final class AheadOfTime extends Clock {

        volatile Duration ahead = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    }
}
