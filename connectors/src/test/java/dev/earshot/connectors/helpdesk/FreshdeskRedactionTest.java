package dev.earshot.connectors.helpdesk;

import static dev.earshot.connectors.helpdesk.BundledTickets.deleted;
import static dev.earshot.connectors.helpdesk.BundledTickets.deliverAll;
import static dev.earshot.connectors.helpdesk.BundledTickets.edited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.api.Test;

/**
 * A post deleted on its network leaves the Freshdesk ticket it was delivered to, and a post edited there shows its new
 * text instead: the description or note holding it is rewritten.
 */
class FreshdeskRedactionTest extends HelpdeskRedactionScenarios {

    private static final String NEW_TEXT = "@CityCareDesk update: the car is back & they apologised <3";

    private final FakeFreshdesk freshdesk = new FakeFreshdesk();

    @Override
    FakeHelpdesk helpdesk() {
        return freshdesk;
    }

    @Override
    String priorityUpdate() {
        return "{\"priority\":3}";
    }

    @Override
    HelpdeskDelivery delivery() {
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
        assertTextGone(third);
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
        assertThat(letter.reason()).matches("freshdesk: PUT http://127\\.0\\.0\\.1:\\d+/api/v2/conversations/\\d+ was refused: HTTP 403: .*access_denied.*");
        assertThat(delivery.snapshot().get(last.id()).postIds()).as("still held, so tried again").contains(second.id());
    }

    @Test
    void aReplayAfterARestartRewritesNothingTwiceAndAddsNothingBack() throws Exception {
        TicketPost first = last.posts().get(0);

        assertReplaysChangeNothing(deleted(last, first.id()));

        assertGone(first);
    }

    @Test
    void anEditedFirstPostIsRewrittenInTheDescription() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost first = last.posts().get(0);
        HandoffTicket edit = edited(last, first.id(), NEW_TEXT);
        TicketPost newFirst = edit.posts().get(0);
        int before = freshdesk.requests.size();

        deliverAll(delivery, List.of(edit));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertTextGone(first);
        assertKept(newFirst);
        last.posts().subList(1, 4).forEach(this::assertKept);
        assertThat(puts(before)).singleElement().satisfies(update -> {
            assertThat(update.path()).matches("/api/v2/tickets/\\d+");
            assertThat(update.json().fieldNames()).toIterable().containsExactly("description");
            assertThat(update.headers().get("authorization"))
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString((FakeFreshdesk.API_KEY + ":X").getBytes(StandardCharsets.UTF_8)));
            assertThat(update.status()).isEqualTo(200);
        });
        assertThat(description()).contains("the car is back &amp; they apologised &lt;3", "edited, seen at ", "Why: ",
                TicketText.POST_MARKER + first.id() + TicketText.FINGERPRINT + TicketText.fingerprint(first)
                        + TicketText.FINGERPRINT + TicketText.fingerprint(newFirst));
        assertThat(freshdesk.notes.values().iterator().next()).as("no note added").hasSize(3);
        assertThat(delivery.counters().postsEdited()).isEqualTo(1);
    }

    @Test
    void anEditedLaterPostIsRewrittenInItsNote() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost third = last.posts().get(2);
        int before = freshdesk.requests.size();

        deliverAll(delivery, List.of(edited(last, third.id(), NEW_TEXT)));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertTextGone(third);
        Stream.of(0, 1, 3).map(last.posts()::get).forEach(this::assertKept);
        long thirdNote = freshdesk.notes.values().iterator().next().get(1).get("id").asLong();
        assertThat(puts(before)).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/api/v2/conversations/" + thirdNote);
            assertThat(request.json().fieldNames()).toIterable().containsExactly("body");
            assertThat(request.json().get("body").asText()).contains("the car is back &amp; they apologised");
        });
    }

    @Test
    void aDeletionIsAppliedEvenWhenAnEditInTheSameVersionIsRefused() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        freshdesk.noteEditsForbidden = true;
        TicketPost first = last.posts().get(0);
        TicketPost fourth = last.posts().get(3);

        deliverAll(delivery, List.of(deleted(edited(last, fourth.id(), NEW_TEXT), first.id())));

        assertThat(delivery.takeDeadLetters()).singleElement().extracting(DeadLetter::reason).asString()
                .contains("access_denied");
        assertGone(first);
        assertKept(fourth);
    }

    @Test
    void anEditOfAPostAnAgentEditedOutOfItsNoteIsADeadLetterNamingItNotASilentSkip() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost third = last.posts().get(2);
        ObjectNode thirdNote = freshdesk.notes.values().iterator().next().get(1);
        thirdNote.put("body", "<div>Agent's summary: the customer's car was towed; we called the depot.</div>");
        int before = freshdesk.requests.size();

        deliverAll(delivery, List.of(edited(last, third.id(), NEW_TEXT)));

        assertThat(delivery.takeDeadLetters()).singleElement().satisfies(letter -> assertThat(letter.reason())
                .contains("no longer holds the marker of edited post(s) [" + third.id() + "]"));
        assertThat(puts(before)).isEmpty();
        assertThat(thirdNote.get("body").asText()).startsWith("<div>Agent's summary");
    }

    @Test
    void anEditOfAPostTheHelpdeskNeverReceivedArrivesAsANewNoteWithItsNewTextOnly() throws Exception {
        HelpdeskDelivery delivery = delivery();
        TicketPost third = last.posts().get(2);

        HandoffTicket edit = deliverAnEditOfAPostNeverDelivered(delivery, NEW_TEXT);

        assertThat(freshdesk.requests).noneMatch(r -> r.method().equals("PUT") && !r.body().equals("{\"priority\":3}"));
        assertTextGone(third);
        assertKept(edit.posts().get(2));
        assertThat(allBodies()).noneMatch(body -> body.contains("edited, seen at"));
    }

    @Test
    void anEditFreshdeskRefusesIsADeadLetterAndIsShownWithALaterVersion() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        freshdesk.noteEditsForbidden = true;
        TicketPost fourth = last.posts().get(3);
        HandoffTicket edit = edited(last, fourth.id(), NEW_TEXT);

        deliverAll(delivery, List.of(edit));

        assertThat(delivery.takeDeadLetters()).singleElement().satisfies(letter -> assertThat(letter.reason())
                .matches("freshdesk: PUT http://127\\.0\\.0\\.1:\\d+/api/v2/conversations/\\d+ was refused: HTTP 403: .*access_denied.*"));
        assertKept(fourth);

        freshdesk.noteEditsForbidden = false;
        deliverAll(delivery, List.of(edit));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertTextGone(fourth);
        assertKept(edit.posts().get(3));
    }

    @Test
    void aReplayedEditIsShownOnceWithStateOlderThanTheEditWithoutStateAndNeverGoesBackToTheOldText() throws Exception {
        TicketPost second = last.posts().get(1);
        HandoffTicket edit = edited(last, second.id(), NEW_TEXT);

        assertReplaysChangeNothing(edit);

        assertTextGone(second);
        assertKept(edit.posts().get(1));
    }


    private List<Request> puts(int after) {
        return freshdesk.requests.subList(after, freshdesk.requests.size()).stream().filter(r -> r.method().equals("PUT")).toList();
    }

    @Override
    void assertGone(TicketPost post) {
        assertTextGone(post);
        assertThat(allBodies()).noneMatch(body -> body.contains(post.url()));
    }

    /** The post's text is nowhere (its link may stay: an edit keeps it). */
    private void assertTextGone(TicketPost post) {
        assertThat(allBodies()).noneMatch(body -> body.contains(TicketText.html(post.text()).replaceAll("^<div>|</div>$", "")));
    }

    private void assertKept(TicketPost post) {
        assertThat(allBodies()).anyMatch(body -> body.contains(TicketText.html(post.text()).replaceAll("^<div>|</div>$", ""))
                && body.contains(post.url()));
    }

    private String description() {
        return freshdesk.tickets.values().iterator().next().get("description").asText();
    }

    @Override
    List<String> allBodies() {
        return Stream.concat(freshdesk.tickets.values().stream().map(t -> t.get("description").asText()),
                freshdesk.notes.values().stream().flatMap(List::stream).map(n -> n.get("body").asText())).toList();
    }
}
