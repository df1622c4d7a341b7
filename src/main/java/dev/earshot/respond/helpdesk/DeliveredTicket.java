package dev.earshot.respond.helpdesk;

import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a helpdesk already holds of one Earshot ticket, so that only what is new is sent.
 *
 * @param helpdeskId the helpdesk's own ticket id (for the webhook: the Earshot id)
 * @param postIds the posts already in the helpdesk ticket, as its description or comments
 * @param priority the priority last sent, or null when unknown (a ticket found again after a restart)
 * @param deliveredAt when this was last delivered, so that long-quiet tickets can be forgotten
 */
public record DeliveredTicket(String helpdeskId, List<String> postIds, TicketPriority priority, Instant deliveredAt) {

    public DeliveredTicket {
        if (helpdeskId == null || helpdeskId.isBlank()) {
            throw new IllegalArgumentException("helpdeskId is required");
        }
        postIds = postIds == null ? List.of() : List.copyOf(postIds);
    }

    /** The state after the whole of {@code ticket} was delivered as a new helpdesk ticket. */
    public static DeliveredTicket opened(String helpdeskId, HandoffTicket ticket, Instant now) {
        return new DeliveredTicket(helpdeskId, ticket.posts().stream().map(TicketPost::id).toList(), ticket.priority(), now);
    }

    /** The posts of {@code ticket} the helpdesk does not have yet, in the ticket's order: no post is sent twice. */
    public List<TicketPost> newPosts(HandoffTicket ticket) {
        Set<String> known = new HashSet<>(postIds);
        return ticket.posts().stream().filter(post -> !known.contains(post.id())).toList();
    }

    /**
     * Whether this version's priority should replace the helpdesk's: it differs, and the version is not older than
     * what was delivered (versions only gain posts), so that a replayed old version never lowers it again.
     */
    public boolean priorityChanged(HandoffTicket ticket) {
        return priority != ticket.priority() && ticket.posts().size() >= postIds.size();
    }

    /** The state after {@code added} and this version's priority were delivered. */
    public DeliveredTicket with(List<TicketPost> added, TicketPriority newPriority, Instant now) {
        List<String> ids = new ArrayList<>(postIds);
        added.forEach(post -> ids.add(post.id()));
        return new DeliveredTicket(helpdeskId, ids, newPriority, now);
    }
}
