package dev.earshot.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A venting customer's conversation handed to customer support: one ticket per conversation.
 *
 * @param id deterministic per conversation, so that a replay updates the same ticket rather than opening another
 * @param conversationKey what makes posts one conversation: network, customer and the account addressed
 * @param customer the author, as the platform describes them
 * @param account the brand or city account the customer addressed
 * @param posts the conversation's posts in event-time order
 * @param sentimentTrajectory each post's sentiment score, in the same order as {@code posts}
 * @param linkedAlertIds open incidents about the same topic and place when the customer posted
 * @param reasons why the ticket was opened and raised, in words an agent reads
 * @param removedPostIds the posts that left the ticket because their authors deleted them, so that whoever received
 *        them earlier (a helpdesk) removes them too; ids only, never text. Posts that left only because the ticket
 *        keeps its latest ones are not listed. Omitted from JSON when empty.
 */
public record HandoffTicket(
        String id,
        String conversationKey,
        TicketStatus status,
        String source,
        Author customer,
        String account,
        List<TicketPost> posts,
        List<String> topics,
        Location location,
        List<Double> sentimentTrajectory,
        TicketPriority priority,
        List<String> linkedAlertIds,
        List<String> reasons,
        Instant openedAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> removedPostIds) {

    public HandoffTicket {
        if (id == null || conversationKey == null || status == null || customer == null || priority == null) {
            throw new IllegalArgumentException("id, conversationKey, status, customer and priority are required");
        }
        posts = posts == null ? List.of() : List.copyOf(posts);
        topics = topics == null ? List.of() : List.copyOf(topics);
        sentimentTrajectory = sentimentTrajectory == null ? List.of() : List.copyOf(sentimentTrajectory);
        linkedAlertIds = linkedAlertIds == null ? List.of() : List.copyOf(linkedAlertIds);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        removedPostIds = removedPostIds == null ? List.of() : List.copyOf(removedPostIds);
        if (posts.size() != sentimentTrajectory.size()) {
            throw new IllegalArgumentException("one sentiment score per post: " + posts.size() + " posts, "
                    + sentimentTrajectory.size() + " scores");
        }
    }

    /** A ticket no post of which was removed at its author's request. */
    public HandoffTicket(String id, String conversationKey, TicketStatus status, String source, Author customer,
                         String account, List<TicketPost> posts, List<String> topics, Location location,
                         List<Double> sentimentTrajectory, TicketPriority priority, List<String> linkedAlertIds,
                         List<String> reasons, Instant openedAt, Instant updatedAt) {
        this(id, conversationKey, status, source, customer, account, posts, topics, location, sentimentTrajectory,
                priority, linkedAlertIds, reasons, openedAt, updatedAt, List.of());
    }

    /** This ticket as closed at {@code at}: the same conversation, posts and links. */
    public HandoffTicket closedAt(Instant at) {
        return new HandoffTicket(id, conversationKey, TicketStatus.CLOSED, source, customer, account, posts, topics,
                location, sentimentTrajectory, priority, linkedAlertIds, reasons, openedAt, at, removedPostIds);
    }
}
