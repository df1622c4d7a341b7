package dev.earshot.respond.helpdesk;

import dev.earshot.model.HandoffTicket;

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

    /** The key of one ticket version as a whole document (the webhook): versions differ by their number of posts. */
    public static String version(HandoffTicket ticket) {
        return "earshot-" + ticket.id() + "-" + ticket.posts().size();
    }
}
