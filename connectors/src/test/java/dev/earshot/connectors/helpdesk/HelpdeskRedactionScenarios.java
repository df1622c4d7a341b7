package dev.earshot.connectors.helpdesk;

import static dev.earshot.connectors.helpdesk.BundledTickets.deliverAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

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

    /** The body of the request that sets the ticket's priority, which a delivery without state sends again. */
    abstract String priorityUpdate();

    @AfterEach
    void noRequestTheRealApiWouldRefuse() {
        assertThat(helpdesk().violations).isEmpty();
        helpdesk().close();
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
}
