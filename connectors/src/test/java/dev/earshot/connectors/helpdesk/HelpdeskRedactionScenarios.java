package dev.earshot.connectors.helpdesk;

import static dev.earshot.connectors.helpdesk.BundledTickets.deliverAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.TicketText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the Zendesk and Freshdesk redaction tests share: one conversation's versions, the check that no request broke
 * the real API's rules, and the replay of an edit or a deletion after restarts.
 */
abstract class HelpdeskRedactionScenarios {

    /** One conversation's versions: 1 to 4 posts (in Zendesk, its comments span two pages of the fake's list). */
    final List<HandoffTicket> versions = BundledTickets.versions().subList(3, 7);
    final HandoffTicket last = versions.get(3);

    /** The fake helpdesk every {@link #delivery()} sends to. */
    abstract FakeHelpdesk helpdesk();

    /** A new delivery to {@link #helpdesk()}, as after a restart. */
    abstract HelpdeskDelivery delivery();

    /** Every text the helpdesk holds for the ticket: description or comments, and notes. */
    abstract List<String> allBodies();

    /** Neither the post's text nor its link is anywhere in the helpdesk. */
    abstract void assertGone(TicketPost post);

    /** The body of the request that sets the ticket's priority, which a delivery without state sends again. */
    abstract String priorityUpdate();

    @AfterEach
    void noRequestTheRealApiWouldRefuse() {
        assertThat(helpdesk().violations).isEmpty();
        helpdesk().close();
    }

    /**
     * Delivers the first two versions, through {@code delivery}, then twice an edit to {@code newText} of the third post, which the helpdesk
     * never received; returns the edit.
     */
    HandoffTicket deliverAnEditOfAPostNeverDelivered(HelpdeskDelivery delivery, String newText)
            throws InterruptedException {
        deliverAll(delivery, versions.subList(0, 2));
        HandoffTicket edit = BundledTickets.edited(last, last.posts().get(2).id(), newText);
        deliverAll(delivery, List.of(edit));
        deliverAll(delivery, List.of(edit));
        assertThat(delivery.takeDeadLetters()).isEmpty();
        return edit;
    }

    /**
     * Delivers every version and then {@code change}, then replays them as after restarts: with the state taken after
     * the change, which must send nothing; without state and with the state taken before the change (at-least-once:
     * a checkpoint, the change delivered, a crash), which must only look up and set the priority (the markers in the
     * helpdesk say what was shown and removed).
     */
    void assertReplaysChangeNothing(HandoffTicket change) throws InterruptedException {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        Map<String, DeliveredTicket> beforeTheChange = delivery.snapshot();
        deliverAll(delivery, List.of(change));
        Map<String, DeliveredTicket> afterTheChange = delivery.snapshot();
        List<FakeHelpdesk.Request> requests = helpdesk().requests;
        int requestsBefore = requests.size();

        HelpdeskDelivery restored = delivery();
        restored.restore(afterTheChange);
        deliverAll(restored, versions);
        deliverAll(restored, List.of(change));
        assertThat(requests).as("the restored state knows it all").hasSize(requestsBefore);

        HelpdeskDelivery withoutState = delivery();
        deliverAll(withoutState, versions);
        deliverAll(withoutState, List.of(change));
        assertThat(withoutState.takeDeadLetters()).isEmpty();
        assertThat(withoutState.snapshot().get(last.id()).editedPosts(last)).as("the old text is known as old").isEmpty();
        HelpdeskDelivery olderState = delivery();
        olderState.restore(beforeTheChange);
        deliverAll(olderState, List.of(change));
        assertThat(olderState.takeDeadLetters()).isEmpty();
        assertThat(olderState.snapshot().get(last.id()).editedPosts(change)).isEmpty();
        assertThat(requests.subList(requestsBefore, requests.size()))
                .as("look-ups (and the priority, unknown without state): the markers say what was shown and removed")
                .allMatch(r -> r.method().equals("GET") || r.body().equals(priorityUpdate()));
    }

    /** Helpdesks rate-limit per account (Zendesk per minute): the removal and the edit share one reading of the ticket. */
    @Test
    void aVersionWithAnEditAndADeletionReadsTheTicketOnce() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost first = last.posts().get(0);
        TicketPost fourth = last.posts().get(3);
        String newText = "@CityCareDesk the pump was fixed at noon, the water is brown though";
        int before = helpdesk().requests.size();

        deliverAll(delivery, List.of(BundledTickets.deleted(BundledTickets.edited(last, fourth.id(), newText), first.id())));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(first);
        assertThat(allBodies()).noneMatch(body -> body.contains(TicketText.fingerprint(first)))
                .noneMatch(body -> shows(body, fourth.text())).anyMatch(body -> shows(body, newText));
        Map<String, Long> calls = helpdesk().callsSince(before);
        assertThat(calls).as("each read once: %s", calls).isNotEmpty()
                .allSatisfy((call, times) -> assertThat(times).as(call).isEqualTo(call.startsWith("GET ") ? 1L : times));
    }

    /** A post edited and then edited back to its first text: the agent reads the first text again, the middle one nowhere. */
    @Test
    void anEditBackToTheFirstTextIsShownAndTheMiddleEditReplayedIsNot() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost second = last.posts().get(1);
        String middle = "@CityCareDesk sorry, wrong account";
        Instant firstEdit = second.createdAt().plusSeconds(300);
        HandoffTicket edited = BundledTickets.edited(last, second.id(), middle, firstEdit);
        HandoffTicket editedBack = BundledTickets.edited(last, second.id(), second.text(), firstEdit.plusSeconds(300));

        deliverAll(delivery, List.of(edited, editedBack));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertThat(allBodies()).noneMatch(body -> shows(body, middle)).anyMatch(body -> shows(body, second.text()));
        assertThat(delivery.counters().postsEdited()).isEqualTo(2);
        int before = helpdesk().requests.size();

        deliverAll(delivery, List.of(edited, editedBack));
        HelpdeskDelivery withoutState = delivery();
        deliverAll(withoutState, List.of(edited, editedBack));

        assertThat(withoutState.takeDeadLetters()).isEmpty();
        assertThat(helpdesk().requests.subList(before, helpdesk().requests.size()))
                .as("look-ups (and the priority, unknown without state): the markers say the first text is newer")
                .allMatch(r -> r.method().equals("GET") || r.body().equals(priorityUpdate()));
        assertThat(allBodies()).noneMatch(body -> shows(body, middle));
    }

    /** Whether a helpdesk body shows {@code text}, as plain text or escaped in HTML. */
    private static boolean shows(String body, String text) {
        return body.contains(text) || body.contains(TicketText.html(text).replaceAll("^<div>|</div>$", ""));
    }

    @Test
    void deletionWinsOverAnEditBeforeOrAfterIt() throws Exception {
        HelpdeskDelivery delivery = delivery();
        TicketPost first = last.posts().get(0);
        TicketPost third = last.posts().get(2);
        deliverAll(delivery, versions);

        HandoffTicket firstEdited = BundledTickets.edited(last, first.id(), "an edit made before the deletion");
        deliverAll(delivery, List.of(firstEdited, BundledTickets.deleted(firstEdited, first.id())));
        deliverAll(delivery, List.of(BundledTickets.deleted(firstEdited, third.id())));
        int requestsBefore = helpdesk().requests.size();
        deliverAll(delivery, List.of(BundledTickets.edited(firstEdited, third.id(), "a late edit of a deleted post")));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertThat(helpdesk().requests).as("the late edit sends nothing").hasSize(requestsBefore);
        assertGone(first);
        assertGone(third);
        assertThat(allBodies()).noneMatch(body -> body.contains("an edit made before") || body.contains("a late edit"));
        assertThat(allBodies()).as("not even a hash of a deleted text stays").noneMatch(body ->
                body.contains(TicketText.fingerprint(first)) || body.contains(TicketText.fingerprint(firstEdited.posts().get(0)))
                        || body.contains(TicketText.fingerprint(third)));
        assertThat(delivery.snapshot().get(last.id()).fingerprints()).containsOnlyKeys(
                last.posts().get(1).id(), last.posts().get(3).id());
    }
}
