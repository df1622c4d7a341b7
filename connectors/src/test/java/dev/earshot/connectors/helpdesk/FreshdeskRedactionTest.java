package dev.earshot.connectors.helpdesk;

import static dev.earshot.connectors.helpdesk.BundledTickets.deleted;
import static dev.earshot.connectors.helpdesk.BundledTickets.deliverAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.helpdesk.FakeHelpdesk.Request;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.TicketText;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A post deleted on its network leaves the Freshdesk ticket it was delivered to: description or note rewritten. */
class FreshdeskRedactionTest {

    private final FakeFreshdesk freshdesk = new FakeFreshdesk();
    private final List<HandoffTicket> versions = BundledTickets.versions().subList(3, 7);
    private final HandoffTicket last = versions.get(3);

    @AfterEach
    void noRequestTheRealApiWouldRefuse() {
        assertThat(freshdesk.violations).isEmpty();
        freshdesk.close();
    }

    private HelpdeskDelivery delivery() {
        HelpdeskSettings settings = HelpdeskSettings.of(HelpdeskKind.FRESHDESK, freshdesk.url(), null, "FRESHDESK_API_KEY")
                .withDelivery(2, Duration.ofSeconds(2), 3, Duration.ofMillis(50), Duration.ofMillis(200));
        return new HelpdeskDelivery(settings, new HashMap<>(Map.of("FRESHDESK_API_KEY", FakeFreshdesk.API_KEY))::get,
                Clock.systemUTC());
    }

    @Test
    void aDeletedFirstPostLeavesTheDescription() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost first = last.posts().get(0);
        int before = freshdesk.requests.size();

        deliverAll(delivery, List.of(deleted(last, first.id())));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(first);
        last.posts().subList(1, 4).forEach(this::assertKept);
        List<Request> puts = puts(before);
        assertThat(puts).hasSize(1);
        Request update = puts.get(0);
        assertThat(update.path()).matches("/api/v2/tickets/\\d+");
        assertThat(update.json().fieldNames()).toIterable().containsExactly("description");
        assertThat(update.headers().get("authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString((FakeFreshdesk.API_KEY + ":X").getBytes(StandardCharsets.UTF_8)));
        String description = description();
        assertThat(description).contains(TicketText.REMOVED_NOTE, TicketText.REMOVED_MARKER + first.id(), "Why: ")
                .doesNotContain(TicketText.POST_MARKER + first.id());
        DeliveredTicket state = delivery.snapshot().get(last.id());
        assertThat(state.removedPostIds()).containsExactly(first.id());
        assertThat(state.postIds()).doesNotContain(first.id());
    }

    @Test
    void aDeletedLaterPostLeavesItsNote() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost third = last.posts().get(2);
        int before = freshdesk.requests.size();

        deliverAll(delivery, List.of(deleted(last, third.id())));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(third);
        Stream.of(0, 1, 3).map(last.posts()::get).forEach(this::assertKept);
        assertThat(puts(before)).singleElement().satisfies(request -> {
            assertThat(request.path()).matches("/api/v2/conversations/\\d+");
            assertThat(request.json().fieldNames()).toIterable().containsExactly("body");
            assertThat(request.json().get("body").asText()).contains(TicketText.REMOVED_NOTE)
                    .doesNotContain(last.customer().handle() + "/status");
        });
        assertThat(delivery.counters().postsRemoved()).isEqualTo(1);
    }

    @Test
    void aDeletedPostInANoteBeyondTheFirstPageOfConversationsLeavesIt() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions.subList(0, 3));
        freshdesk.addAgentNotes(Long.parseLong(delivery.snapshot().get(last.id()).helpdeskId()), 150);
        deliverAll(delivery, List.of(last));
        TicketPost fourth = last.posts().get(3);

        deliverAll(delivery, List.of(deleted(last, fourth.id())));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(fourth);
        last.posts().subList(0, 3).forEach(this::assertKept);
        assertThat(freshdesk.requests).filteredOn(r -> r.path().endsWith("/conversations"))
                .extracting(Request::query).contains("per_page=100&page=2");
    }

    @Test
    void aDeletedPostTheHelpdeskNeverReceivedNeedsNothingAndIsNeverAddedLater() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions.subList(0, 2));
        TicketPost third = last.posts().get(2);

        deliverAll(delivery, List.of(deleted(last, third.id())));
        deliverAll(delivery, versions);

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertThat(freshdesk.requests).noneMatch(r -> r.method().equals("PUT") && !r.body().equals("{\"priority\":3}"));
        assertThat(allBodies()).noneMatch(body -> body.contains(third.id()));
        assertKept(last.posts().get(3));
    }

    @Test
    void aRewriteFreshdeskRefusesIsADeadLetterWithTheReason() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        freshdesk.noteEditsForbidden = true;
        TicketPost second = last.posts().get(1);

        deliverAll(delivery, List.of(deleted(last, second.id())));

        DeadLetter letter = delivery.takeDeadLetters().get(0);
        assertThat(letter.stage()).isEqualTo("helpdesk");
        assertThat(letter.reason()).matches("freshdesk: PUT /api/v2/conversations/\\d+ was refused: HTTP 403: .*access_denied.*");
        assertThat(delivery.snapshot().get(last.id()).postIds()).as("still held, so tried again").contains(second.id());
    }

    @Test
    void aReplayAfterARestartRewritesNothingTwiceAndAddsNothingBack() throws Exception {
        HelpdeskDelivery delivery = delivery();
        TicketPost first = last.posts().get(0);
        HandoffTicket deletion = deleted(last, first.id());
        deliverAll(delivery, versions);
        deliverAll(delivery, List.of(deletion));
        Map<String, DeliveredTicket> checkpoint = delivery.snapshot();
        int requestsBefore = freshdesk.requests.size();

        HelpdeskDelivery restored = delivery();
        restored.restore(checkpoint);
        deliverAll(restored, versions);
        deliverAll(restored, List.of(deletion));
        assertThat(freshdesk.requests).hasSize(requestsBefore);

        HelpdeskDelivery withoutState = delivery();
        deliverAll(withoutState, versions);
        deliverAll(withoutState, List.of(deletion));

        assertThat(withoutState.takeDeadLetters()).isEmpty();
        assertThat(freshdesk.requests.subList(requestsBefore, freshdesk.requests.size()))
                .as("look-ups (and the priority, unknown without state): the markers say what was removed")
                .allMatch(r -> r.method().equals("GET") || r.body().equals("{\"priority\":3}"));
        assertGone(first);
    }

    private List<Request> puts(int after) {
        return freshdesk.requests.subList(after, freshdesk.requests.size()).stream().filter(r -> r.method().equals("PUT")).toList();
    }

    private void assertGone(TicketPost post) {
        assertThat(allBodies()).noneMatch(body -> body.contains(TicketText.html(post.text()).replaceAll("^<div>|</div>$", ""))
                || body.contains(post.url()));
    }

    private void assertKept(TicketPost post) {
        assertThat(allBodies()).anyMatch(body -> body.contains(TicketText.html(post.text()).replaceAll("^<div>|</div>$", ""))
                && body.contains(post.url()));
    }

    private String description() {
        return freshdesk.tickets.values().iterator().next().get("description").asText();
    }

    private List<String> allBodies() {
        return Stream.concat(freshdesk.tickets.values().stream().map(t -> t.get("description").asText()),
                freshdesk.notes.values().stream().flatMap(List::stream).map(n -> n.get("body").asText())).toList();
    }
}
