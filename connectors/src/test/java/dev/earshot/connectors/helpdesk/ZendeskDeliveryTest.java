package dev.earshot.connectors.helpdesk;

import static dev.earshot.connectors.helpdesk.BundledTickets.ZENDESK_ENV;
import static dev.earshot.connectors.helpdesk.BundledTickets.deliverAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.connectors.helpdesk.FakeHelpdesk.Fault;
import dev.earshot.connectors.helpdesk.FakeHelpdesk.Request;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.HelpdeskMapping;
import dev.earshot.respond.helpdesk.TicketText;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZendeskDeliveryTest {

    private final FakeZendesk zendesk = new FakeZendesk();
    private final List<HandoffTicket> versions = BundledTickets.versions();

    @AfterEach
    void noRequestTheRealApiWouldRefuse() {
        assertThat(zendesk.violations).isEmpty();
        zendesk.close();
    }

    private HelpdeskSettings settings() {
        return HelpdeskSettings.of(HelpdeskKind.ZENDESK, zendesk.url(), "ZENDESK_EMAIL", "ZENDESK_API_TOKEN")
                .withMapping(new HelpdeskMapping("360001", "360002", null, List.of(), 2))
                .withDelivery(4, Duration.ofSeconds(2), 4, Duration.ofMillis(50), Duration.ofMillis(400));
    }

    private HelpdeskDelivery delivery(HelpdeskSettings settings, Map<String, String> env) {
        return new HelpdeskDelivery(settings, new HashMap<>(env)::get, Clock.systemUTC());
    }

    @Test
    void eachConversationIsOneTicketAndLaterPostsAreCommentsWithoutRepeats() throws Exception {
        HelpdeskDelivery delivery = delivery(settings(), ZENDESK_ENV);
        deliverAll(delivery, versions);

        assertThat(zendesk.tickets).hasSize(3);
        assertThat(zendesk.tickets.values()).extracting(t -> t.get("external_id").asText())
                .containsExactlyInAnyOrder("1a0bb899d6cbf87f6a41", "fcaee1732bc1206133ae", "8942c12dced00cc59652");
        assertThat(allMarkedPosts()).hasSize(10).doesNotHaveDuplicates();
        assertThat(zendesk.comments.values().stream().mapToInt(List::size).sum()).isEqualTo(3 + 7);
        assertThat(zendesk.tickets.values()).extracting(t -> t.get("priority").asText()).containsOnly("high");
        assertThat(delivery.counters().ticketsOpened()).isEqualTo(3);
        assertThat(delivery.counters().commentsAdded()).isEqualTo(7);

        JsonNode create = zendesk.requests("POST", "/api/v2/tickets.json").get(0).json().get("ticket");
        assertThat(create.at("/requester/email").asText()).endsWith("@social.earshot.invalid");
        assertThat(create.get("custom_fields").get(0).get("id").asLong()).isEqualTo(360001);
        Request comment = zendesk.requests("PUT", "/api/v2/tickets/").get(0);
        assertThat(comment.json().at("/ticket/comment/body").asText()).contains("https://", "sentiment", "Why: ");
        assertThat(comment.headers()).containsKey("authorization");
    }

    @Test
    void aReplayWithTheSameStateSendsNothing() throws Exception {
        HelpdeskDelivery delivery = delivery(settings(), ZENDESK_ENV);
        deliverAll(delivery, versions);
        int before = zendesk.requests.size();

        deliverAll(delivery, versions);

        assertThat(zendesk.requests).hasSize(before);
    }

    @Test
    void aReplayWithoutStateFindsTheTicketsByExternalIdAndAddsNoComment() throws Exception {
        deliverAll(delivery(settings(), ZENDESK_ENV), versions.subList(0, 6));
        Map<Long, Integer> commentsBefore = commentCounts();

        HelpdeskDelivery restarted = delivery(settings(), ZENDESK_ENV);
        deliverAll(restarted, versions);

        assertThat(zendesk.tickets).hasSize(3);
        assertThat(allMarkedPosts()).hasSize(10).doesNotHaveDuplicates();
        assertThat(restarted.counters().ticketsFound()).isEqualTo(2);
        assertThat(restarted.counters().ticketsOpened()).isEqualTo(1);
        assertThat(commentCounts().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(commentsBefore.values().stream().mapToInt(Integer::intValue).sum() + (10 - 6));
    }

    /**
     * A crash after a checkpoint (kill -9, a Flink restart): the versions after it are replayed to a writer restored
     * from it, and the comment one of them added before the crash is already in Zendesk. The restored writer reads the
     * ticket's comments (both pages) once, before its first comment to it, and adds only the posts no marker shows.
     */
    @Test
    void aWriterRestoredFromACheckpointReadsAKnownTicketOnceAndAddsNoCommentTwice() throws Exception {
        HelpdeskDelivery beforeTheCrash = delivery(settings(), ZENDESK_ENV);
        deliverAll(beforeTheCrash, versions.subList(0, 5));
        Map<String, DeliveredTicket> checkpoint = beforeTheCrash.snapshot();
        deliverAll(beforeTheCrash, versions.subList(5, 6));
        String replayed = checkpoint.get(versions.get(5).id()).helpdeskId();
        int from = zendesk.requests.size();

        HelpdeskDelivery restored = delivery(settings(), ZENDESK_ENV);
        restored.restore(checkpoint);
        deliverAll(restored, versions.subList(5, 10));

        assertThat(restored.takeDeadLetters()).isEmpty();
        assertThat(allMarkedPosts()).as("the post sent before the crash once, the next one added").hasSize(10).doesNotHaveDuplicates();
        assertThat(restored.counters().commentsAdded()).isEqualTo(1 + 2);
        assertThat(restored.counters().ticketsOpened()).isEqualTo(1);
        assertThat(zendesk.callsSince(from)).as("one reading of the known ticket, none of the others or later")
                .containsEntry("GET /api/v2/tickets/" + replayed + "/comments.json", 1L)
                .containsEntry("GET /api/v2/tickets/" + replayed + "/comments.json?page=2", 1L)
                .satisfies(calls -> assertThat(calls.keySet()).filteredOn(call -> call.contains("/comments.json")).hasSize(2));
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedAfterItsRetryAfter() throws Exception {
        zendesk.failNext(Fault.headers(Map.of()), Fault.tooManyRequests(1));
        HelpdeskDelivery delivery = delivery(settings(), ZENDESK_ENV);

        deliverAll(delivery, versions.subList(0, 1));

        List<Request> creates = zendesk.requests("POST", "/api/v2/tickets.json");
        assertThat(creates).extracting(Request::status).containsExactly(429, 201);
        assertThat(creates.get(1).receivedAtMillis() - creates.get(0).receivedAtMillis()).isGreaterThanOrEqualTo(1000);
        assertThat(zendesk.tickets).hasSize(1);
        assertThat(delivery.counters().retries()).isEqualTo(1);
    }

    @Test
    void noRemainingRateLimitHoldsBackTheNextRequestUntilTheReset() throws Exception {
        zendesk.failNext(Fault.headers(Map.of("X-Rate-Limit-Remaining", "0", "ratelimit-reset", "1")));
        HelpdeskDelivery delivery = delivery(settings(), ZENDESK_ENV);

        deliverAll(delivery, versions.subList(0, 2));

        assertThat(zendesk.requests).extracting(Request::method).containsExactly("GET", "POST", "PUT");
        assertThat(zendesk.requests.get(1).receivedAtMillis() - zendesk.requests.get(0).receivedAtMillis())
                .isGreaterThanOrEqualTo(1000);
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        zendesk.failNext(Fault.status(503, "{}"), Fault.status(502, "{}"), Fault.status(500, "{}"));
        HelpdeskDelivery delivery = delivery(settings(), ZENDESK_ENV);

        deliverAll(delivery, versions.subList(0, 1));

        assertThat(zendesk.requests).extracting(Request::status).containsExactly(503, 502, 500, 200, 201);
        assertThat(zendesk.tickets).hasSize(1);
        assertThat(delivery.takeDeadLetters()).isEmpty();
    }

    @Test
    void aTimedOutCreateIsRetriedWithTheSameIdempotencyKeyAndOpensOneTicket() throws Exception {
        zendesk.failNext(Fault.headers(Map.of()), Fault.slow(1500));
        HelpdeskDelivery delivery = delivery(settings().withDelivery(4, Duration.ofMillis(300), 4,
                Duration.ofMillis(400), Duration.ofMillis(400)), ZENDESK_ENV);

        deliverAll(delivery, versions.subList(0, 1));
        Thread.sleep(1500); // let the slow request reach the fake too

        assertThat(zendesk.tickets).hasSize(1);
        List<Request> creates = zendesk.requests("POST", "/api/v2/tickets.json");
        assertThat(creates).hasSize(2);
        assertThat(creates).extracting(r -> r.headers().get("idempotency-key")).containsOnly("earshot-create-1a0bb899d6cbf87f6a41");
        assertThat(delivery.counters().retries()).isEqualTo(1);
    }

    @Test
    void aHelpdeskNotListeningIsADeadLetterNamingTheUrlAndTheCause() throws Exception {
        String closed = "http://127.0.0.1:" + dev.earshot.connectors.LocalPorts.free();
        HelpdeskDelivery delivery = delivery(HelpdeskSettings.of(HelpdeskKind.ZENDESK, closed, "ZENDESK_EMAIL",
                "ZENDESK_API_TOKEN").withDelivery(4, Duration.ofSeconds(2), 2, Duration.ofMillis(50), Duration.ofMillis(50)),
                ZENDESK_ENV);

        deliverAll(delivery, versions.subList(0, 1));

        assertThat(delivery.takeDeadLetters()).singleElement().extracting(DeadLetter::reason).isEqualTo("zendesk: GET "
                + closed + "/api/v2/tickets.json failed 2 times; last: connection refused by "
                + closed.substring("http://".length()) + " (ConnectException, caused by ClosedChannelException)");
        assertThat(delivery.counters().versions()).isEqualTo(1);
        assertThat(delivery.counters().deadLetters()).isEqualTo(1);
    }

    @Test
    void serverErrorsUntilTheLastAttemptBecomeADeadLetter() throws Exception {
        zendesk.failNext(Fault.status(503, "{}"), Fault.status(503, "{}"), Fault.status(503, "{}"), Fault.status(503, "{}"));
        HelpdeskDelivery delivery = delivery(settings(), ZENDESK_ENV);

        deliverAll(delivery, versions.subList(0, 1));

        List<DeadLetter> letters = delivery.takeDeadLetters();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.stage()).isEqualTo("helpdesk");
            assertThat(letter.reason()).isEqualTo("zendesk: GET " + zendesk.url() + "/api/v2/tickets.json failed 4 times; last: HTTP 503: {}");
            assertThat(letter.raw()).contains("\"id\":\"1a0bb899d6cbf87f6a41\"");
        });
    }

    @Test
    void badCredentialsAreNotRetriedAndNeverShown() throws Exception {
        String wrongToken = "wrong-token-Zx81";
        HelpdeskDelivery delivery = delivery(settings(), Map.of("ZENDESK_EMAIL", FakeZendesk.EMAIL, "ZENDESK_API_TOKEN", wrongToken));

        deliverAll(delivery, versions.subList(0, 1));

        assertThat(zendesk.requests).singleElement().extracting(Request::status).isEqualTo(401);
        DeadLetter letter = delivery.takeDeadLetters().get(0);
        assertThat(letter.reason()).isEqualTo("zendesk: GET " + zendesk.url() + "/api/v2/tickets.json was refused: HTTP 401: "
                + "{\"error\":\"Couldn't authenticate you\"} (check the credentials in respond.helpdesk.emailEnv/tokenEnv)");
        assertNoSecret(letter, wrongToken);
    }

    @Test
    void aCredentialEchoedByTheHelpdeskIsBlankedOut() throws Exception {
        zendesk.failNext(Fault.status(401, "{\"error\":\"token " + FakeZendesk.TOKEN + " for " + basicAuth() + " expired\"}"));
        HelpdeskDelivery delivery = delivery(settings(), ZENDESK_ENV);

        deliverAll(delivery, versions.subList(0, 1));

        DeadLetter letter = delivery.takeDeadLetters().get(0);
        assertThat(letter.reason()).contains("token *** for *** expired");
        assertNoSecret(letter, FakeZendesk.TOKEN);
    }

    @Test
    void anInvalidTicketIsNotRetriedAndTheNextVersionStillOpensTheTicket() throws Exception {
        zendesk.failNext(Fault.headers(Map.of()), Fault.status(422,
                "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\",\"details\":{\"priority\":[{\"description\":\"invalid\"}]}}"));
        HelpdeskDelivery delivery = delivery(settings(), ZENDESK_ENV);

        deliverAll(delivery, versions.subList(0, 2));

        assertThat(zendesk.requests).extracting(Request::status).startsWith(200, 422);
        assertThat(delivery.takeDeadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.reason()).startsWith("zendesk: POST " + zendesk.url() + "/api/v2/tickets.json was refused: HTTP 422: {\"error\":\"RecordInvalid\"")
                        .endsWith("(the helpdesk rejected the ticket's fields; check respond.helpdesk custom fields)"));
        assertThat(zendesk.tickets).hasSize(1);
        assertThat(allMarkedPosts()).hasSize(2);
    }

    @Test
    void aMissingCredentialStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> delivery(settings(), Map.of("ZENDESK_EMAIL", FakeZendesk.EMAIL)))
                .hasMessage("respond.helpdesk.tokenEnv: the environment variable ZENDESK_API_TOKEN is not set; "
                        + "export it before starting Earshot");
        assertThatThrownBy(() -> HelpdeskSettings.of(HelpdeskKind.ZENDESK, "acme.zendesk.com", "E", "T"))
                .hasMessageStartingWith("respond.helpdesk.url: must be an http(s) URL");
        assertThatThrownBy(() -> settings().withMapping(new HelpdeskMapping("topic", null, null, List.of(), 2)))
                .hasMessageStartingWith("respond.helpdesk.topicField: must be the numeric id of a Zendesk ticket field");
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (FakeZendesk.EMAIL + "/token:" + FakeZendesk.TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    static void assertNoSecret(DeadLetter letter, String secret) {
        String encoded = Base64.getEncoder().encodeToString((FakeZendesk.EMAIL + "/token:" + secret).getBytes(StandardCharsets.UTF_8));
        assertThat(List.of(letter.reason(), letter.raw(), letter.origin())).allSatisfy(text ->
                assertThat(text).doesNotContain(secret).doesNotContain(encoded));
    }

    private List<String> allMarkedPosts() {
        return zendesk.comments.values().stream().flatMap(List::stream)
                .flatMap(c -> TicketText.markedPostIds(c.get("body").asText()).stream()).toList();
    }

    private Map<Long, Integer> commentCounts() {
        return zendesk.comments.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
    }
}
