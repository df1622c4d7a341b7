package dev.earshot.respond.helpdesk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a helpdesk already holds of one Earshot ticket, so that only what is new is sent.
 *
 * @param helpdeskId the helpdesk's own ticket id (for the webhook: the Earshot id)
 * @param postIds the posts already in the helpdesk ticket, as its description or comments
 * @param priority the priority last sent, or null when unknown (a ticket found again after a restart)
 * @param deliveredAt when this was last delivered, so that long-quiet tickets can be forgotten
 * @param removedPostIds posts deleted by their authors: their text is gone from the helpdesk (or never reached it),
 *        and they are never added again, even by a replayed older version that still holds them
 */
public record DeliveredTicket(String helpdeskId, List<String> postIds, TicketPriority priority, Instant deliveredAt,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> removedPostIds) {

    public DeliveredTicket {
        if (helpdeskId == null || helpdeskId.isBlank()) {
            throw new IllegalArgumentException("helpdeskId is required");
        }
        postIds = postIds == null ? List.of() : List.copyOf(postIds);
        removedPostIds = removedPostIds == null ? List.of() : List.copyOf(removedPostIds);
    }

    /**
     * The state of a helpdesk ticket found again without this job's state, read back from the markers in its texts
     * (description, comments or notes): the posts they hold, less those marked removed. The priority is unknown.
     */
    public static DeliveredTicket readBack(String helpdeskId, Collection<String> texts, Instant now) {
        Set<String> posts = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        texts.forEach(text -> {
            posts.addAll(TicketText.markedPostIds(text));
            removed.addAll(TicketText.removedPostIds(text));
        });
        posts.removeAll(removed);
        return new DeliveredTicket(helpdeskId, List.copyOf(posts), null, now, List.copyOf(removed));
    }

    /** The state after the whole of {@code ticket} was delivered as a new helpdesk ticket. */
    public static DeliveredTicket opened(String helpdeskId, HandoffTicket ticket, Instant now) {
        return new DeliveredTicket(helpdeskId, ticket.posts().stream().map(TicketPost::id).toList(), ticket.priority(), now,
                ticket.removedPostIds());
    }

    /**
     * The posts of {@code ticket} the helpdesk does not have yet, in the ticket's order: no post is sent twice, and
     * no deleted post is sent again.
     */
    public List<TicketPost> newPosts(HandoffTicket ticket) {
        Set<String> known = new HashSet<>(postIds);
        known.addAll(removedPostIds);
        known.addAll(ticket.removedPostIds());
        return ticket.posts().stream().filter(post -> !known.contains(post.id())).toList();
    }

    /**
     * The posts the helpdesk holds that {@code ticket} says their authors deleted: their text must leave the helpdesk.
     * Only the version's explicit list counts, never a post merely missing from it (an older version replayed, or a
     * post the ticket no longer keeps because it keeps only its latest ones).
     */
    public List<String> postsToRemove(HandoffTicket ticket) {
        Set<String> held = new HashSet<>(postIds);
        return ticket.removedPostIds().stream().filter(held::contains).distinct().toList();
    }

    /** Whether {@code ticket} names deleted posts this state does not record as removed yet. */
    public boolean removalsPending(HandoffTicket ticket) {
        return !removedPostIds.containsAll(ticket.removedPostIds());
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
        return new DeliveredTicket(helpdeskId, ids, newPriority, now, removedPostIds);
    }

    /** The state after the text of the {@code removed} posts left the helpdesk: no longer held, never added again. */
    public DeliveredTicket withRemoved(Collection<String> removed, Instant now) {
        Set<String> all = new LinkedHashSet<>(removedPostIds);
        all.addAll(removed);
        return new DeliveredTicket(helpdeskId, postIds.stream().filter(id -> !all.contains(id)).toList(), priority, now,
                List.copyOf(all));
    }
}
