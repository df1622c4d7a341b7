package dev.earshot.connectors.helpdesk;

import static dev.earshot.connectors.helpdesk.BundledTickets.deliverAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.connectors.helpdesk.FakeHelpdesk.Fault;
import dev.earshot.connectors.helpdesk.FakeHelpdesk.Request;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.HelpdeskMapping;
import dev.earshot.respond.helpdesk.TicketText;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FreshdeskDeliveryTest {

    private static final Map<String, String> ENV = Map.of("FRESHDESK_API_KEY", FakeFreshdesk.API_KEY);

    private final FakeFreshdesk freshdesk = new FakeFreshdesk();
    private final List<HandoffTicket> versions = BundledTickets.versions();

    @AfterEach
    void noRequestTheRealApiWouldRefuse() {
        assertThat(freshdesk.violations).isEmpty();
        freshdesk.close();
    }

    private HelpdeskDelivery delivery(Map<String, String> env) {
        HelpdeskSettings settings = HelpdeskSettings.of(HelpdeskKind.FRESHDESK, freshdesk.url(), null, "FRESHDESK_API_KEY")
                .withMapping(new HelpdeskMapping("cf_topic", "cf_location", null, List.of(), 2))
                .withDelivery(4, Duration.ofMillis(500), 4, Duration.ofMillis(50), Duration.ofMillis(400));
        return new HelpdeskDelivery(settings, new HashMap<>(env)::get, Clock.systemUTC());
    }

    @Test
    void eachConversationIsOneTicketAndLaterPostsAreNotes() throws Exception {
        HelpdeskDelivery delivery = delivery(ENV);
        deliverAll(delivery, versions);

        assertThat(freshdesk.tickets).hasSize(3);
        assertThat(freshdesk.notes.values().stream().mapToInt(List::size).sum()).isEqualTo(7);
        assertThat(markedPosts()).hasSize(10).doesNotHaveDuplicates();
        assertThat(freshdesk.tickets.values()).extracting(t -> t.get("priority").asInt()).containsOnly(3);
        JsonNode create = freshdesk.requests("POST", "/api/v2/tickets").stream()
                .filter(r -> r.path().equals("/api/v2/tickets") && r.body().contains("\"mastodon:")).findFirst().orElseThrow().json();
        assertThat(create.get("status").asInt()).isEqualTo(2);
        assertThat(create.get("unique_external_id").asText()).startsWith("mastodon:");
        assertThat(create.get("custom_fields").get("cf_topic").asText()).isEqualTo("water");
        assertThat(freshdesk.requests("POST", "/api/v2/tickets/")).extracting(Request::path).allMatch(p -> p.endsWith("/notes"));
        assertThat(freshdesk.requests).filteredOn(r -> r.body().contains("\"twitter_id\"")).isNotEmpty();
    }

    @Test
    void aReplayWithoutStateFindsTheTicketsByTagAndAddsNoNote() throws Exception {
        deliverAll(delivery(ENV), versions.subList(0, 6));
        int notesBefore = freshdesk.notes.values().stream().mapToInt(List::size).sum();

        HelpdeskDelivery restarted = delivery(ENV);
        deliverAll(restarted, versions);

        assertThat(freshdesk.tickets).hasSize(3);
        assertThat(markedPosts()).hasSize(10).doesNotHaveDuplicates();
        assertThat(restarted.counters().ticketsFound()).isEqualTo(2);
        assertThat(freshdesk.notes.values().stream().mapToInt(List::size).sum()).isEqualTo(notesBefore + 3);
    }

    /**
     * A crash after a checkpoint (kill -9, a Flink restart): the versions after it are replayed to a writer restored
     * from it, and the note one of them added before the crash is already in Freshdesk, past the first page of
     * conversations. The restored writer reads the ticket back once, before its first note to it, and adds only the
     * posts no marker shows.
     */
    @Test
    void aWriterRestoredFromACheckpointReadsAKnownTicketOnceAndAddsNoNoteTwice() throws Exception {
        HelpdeskDelivery beforeTheCrash = delivery(ENV);
        deliverAll(beforeTheCrash, versions.subList(0, 5));
        Map<String, DeliveredTicket> checkpoint = beforeTheCrash.snapshot();
        String replayed = checkpoint.get(versions.get(5).id()).helpdeskId();
        freshdesk.addAgentNotes(Long.parseLong(replayed), 120);
        deliverAll(beforeTheCrash, versions.subList(5, 6));
        int from = freshdesk.requests.size();

        HelpdeskDelivery restored = delivery(ENV);
        restored.restore(checkpoint);
        deliverAll(restored, versions.subList(5, 10));

        assertThat(restored.takeDeadLetters()).isEmpty();
        assertThat(markedPosts()).as("the post sent before the crash once, the next one added").hasSize(10).doesNotHaveDuplicates();
        assertThat(restored.counters().commentsAdded()).isEqualTo(1 + 2);
        assertThat(restored.counters().ticketsOpened()).isEqualTo(1);
        String conversations = "GET /api/v2/tickets/" + replayed + "/conversations?per_page=100&page=";
        assertThat(freshdesk.callsSince(from)).as("one reading of the known ticket, none of the others or later")
                .containsEntry(conversations + "1", 1L)
                .containsEntry(conversations + "2", 1L)
                .satisfies(calls -> assertThat(calls.keySet()).filteredOn(call -> call.contains("/conversations")).hasSize(2));
    }

    @Test
    void tooManyRequestsServerErrorsAndTimeoutsAreRetried() throws Exception {
        freshdesk.failNext(Fault.tooManyRequests(1), Fault.status(502, "{}"), Fault.slow(800));
        HelpdeskDelivery delivery = delivery(ENV);

        deliverAll(delivery, versions.subList(0, 1));

        assertThat(freshdesk.tickets).hasSize(1);
        assertThat(delivery.counters().retries()).isEqualTo(3);
        assertThat(delivery.takeDeadLetters()).isEmpty();
    }

    @Test
    void unauthorizedAndInvalidAreDeadLetteredAtOnce() throws Exception {
        HelpdeskDelivery wrongKey = delivery(Map.of("FRESHDESK_API_KEY", "not-the-key-123"));
        deliverAll(wrongKey, versions.subList(0, 1));
        DeadLetter unauthorized = wrongKey.takeDeadLetters().get(0);
        assertThat(unauthorized.reason()).startsWith("freshdesk: GET " + freshdesk.url() + "/api/v2/search/tickets was refused: HTTP 401: "
                + "{\"code\":\"invalid_credentials\"");
        assertThat(Stream.of(unauthorized.reason(), unauthorized.raw(), unauthorized.origin())).noneMatch(t -> t.contains("not-the-key-123"));

        freshdesk.failNext(Fault.headers(Map.of()), Fault.status(422, "{\"description\":\"Validation failed\",\"errors\":[]}"));
        HelpdeskDelivery delivery = delivery(ENV);
        deliverAll(delivery, versions.subList(0, 1));
        assertThat(delivery.takeDeadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.stage()).isEqualTo("helpdesk");
            assertThat(letter.reason()).startsWith("freshdesk: POST " + freshdesk.url() + "/api/v2/tickets was refused: HTTP 422");
        });
        assertThat(freshdesk.requests("POST", "/api/v2/tickets")).hasSize(1);
    }

    private List<String> markedPosts() {
        return Stream.concat(
                        freshdesk.tickets.values().stream().map(t -> t.get("description").asText()),
                        freshdesk.notes.values().stream().flatMap(List::stream).map(n -> n.get("body").asText()))
                .flatMap(body -> TicketText.markedPostIds(body).stream()).toList();
    }
}
