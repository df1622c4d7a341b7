package dev.earshot.respond.helpdesk;

import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketStatus;
import java.util.stream.Collectors;

/**
 * Keys a helpdesk uses to recognise a repeated request. They derive from the deterministic ticket id only, so a
 * retry after a timeout, or a replay, sends the same key and the helpdesk answers with the ticket it already made.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** The key of the request that opens the helpdesk ticket of one Earshot ticket. */
    public static String create(String ticketId) {
        return "earshot-create-" + ticketId;
    }

    /** The key of the request that opens the follow-up of the closed helpdesk ticket {@code closedId}. */
    public static String followUp(String ticketId, String closedId) {
        return "earshot-followup-" + ticketId + "-" + closedId;
    }

    /**
     * The key of the request that opens the follow-up of the closed helpdesk ticket {@code closedId} to show edits of
     * posts it holds: not {@link #followUp}'s, whose request carries other text.
     */
    public static String editFollowUp(String ticketId, String closedId) {
        return "earshot-followup-edit-" + ticketId + "-" + closedId;
    }

    /**
     * The key of one ticket version as a whole document (the webhook): versions differ by their number of posts, once
     * posts were deleted by the number removed too (a version without a deleted post is new, though it holds as many
     * posts as an earlier one), and by the fingerprint of their posts' texts and the network's edit times (a version
     * with an edited post is new too, even one edited back to an earlier text). The CLOSED version holds the posts
     * of the version before it, so it says it is closed, or a receiver would drop it as a repeat.
     */
    public static String version(HandoffTicket ticket) {
        String removed = ticket.removedPostIds().isEmpty() ? "" : "-removed-" + ticket.removedPostIds().size();
        String texts = ticket.posts().stream().map(post -> TicketText.fingerprint(post)
                + (post.editedAt() == null ? "" : "@" + post.editedAt())).collect(Collectors.joining());
        String closed = ticket.status() == TicketStatus.CLOSED ? "-closed" : "";
        return "earshot-" + ticket.id() + "-" + ticket.posts().size() + removed + "-" + TicketText.fingerprint(texts) + closed;
    }
}
