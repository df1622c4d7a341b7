package dev.earshot.respond.helpdesk;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * When the customer writes again on a ticket the agents have finished with, the ticket goes back to their queue, as
 * a customer's e-mail reply reopens it: Zendesk sets a pending or solved ticket to open when its requester replies,
 * and Freshdesk a pending, resolved or closed one. Earshot adds the new posts as a private comment from the API user,
 * which changes no status, so it sets the status itself, only after adding posts (never for a priority, an edit or a
 * deletion), and only from those statuses: a {@code new} Zendesk ticket is still waiting for triage (once open it can
 * never be new again, and views and triggers on "new" would lose it), and a ticket an agent put on hold (Zendesk
 * {@code hold}, a Freshdesk custom status such as "Waiting on third party") waits for someone else; both are in the
 * agents' queue already, and hold the new posts for them.
 *
 * <p>A closed Zendesk ticket cannot be reopened nor take a comment: the posts go to a follow-up ticket (see
 * {@link ZendeskRequests#followUp}), which is then the conversation's ticket.
 */
public final class Reopening {

    /** Zendesk's status of a closed ticket, which takes no update. */
    public static final String ZENDESK_CLOSED = "closed";

    private static final Set<String> ZENDESK_REOPENED = Set.of("pending", "solved");
    private static final Set<Integer> FRESHDESK_REOPENED = Set.of(3, 4, 5);

    private Reopening() {
    }

    /** Whether a Zendesk ticket with this status goes back to open when the customer's new posts are added. */
    public static boolean zendeskReopens(String status) {
        return ZENDESK_REOPENED.contains(status);
    }

    /** Whether a Freshdesk ticket with this status (3 pending, 4 resolved, 5 closed) goes back to 2 open. */
    public static boolean freshdeskReopens(int status) {
        return FRESHDESK_REOPENED.contains(status);
    }

    /** A Zendesk ticket found by the conversation's {@code external_id}. */
    public record Found(long id, String status) {
    }

    /**
     * Which of the Zendesk tickets holding a conversation (the first one, and follow-ups of closed ones) takes its
     * next posts: the newest that is not closed, else the newest (whose closing then calls for a follow-up). Ids
     * grow with time in Zendesk. Null when there is none.
     */
    public static Found current(List<Found> tickets) {
        Comparator<Found> byId = Comparator.comparingLong(Found::id);
        return tickets.stream().filter(ticket -> !ZENDESK_CLOSED.equals(ticket.status())).max(byId)
                .orElseGet(() -> tickets.stream().max(byId).orElse(null));
    }
}
