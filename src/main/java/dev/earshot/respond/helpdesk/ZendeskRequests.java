package dev.earshot.respond.helpdesk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import java.time.Instant;
import java.util.List;

/**
 * Zendesk Tickets API bodies (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/).
 * Comments are private (internal notes): the customer's placeholder address must not be mailed, and agents answer
 * on the social network where the customer wrote.
 */
public final class ZendeskRequests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ZendeskRequests() {
    }

    /** {@code POST /api/v2/tickets.json}: one ticket holding every post of the version. */
    public static ObjectNode create(HandoffTicket ticket, HelpdeskMapping mapping) {
        return ticket(ticket, mapping, TicketText.body(ticket, ticket.posts(), true));
    }

    /**
     * {@code POST /api/v2/tickets.json} with {@code via_followup_source_id}: a follow-up of the closed ticket
     * {@code closedId}, which takes no comment, holding the {@code newPosts}. Zendesk links the two ("follow-up"
     * in the agent's view, {@code followup_ids} on the closed one). It carries the conversation's external id too,
     * so that a lookup finds both, and Earshot's tags, which replace the ones Zendesk would copy from the closed one.
     */
    public static ObjectNode followUp(HandoffTicket ticket, String closedId, List<TicketPost> newPosts, HelpdeskMapping mapping) {
        ObjectNode body = ticket(ticket, mapping, TicketText.followUpBody(ticket, newPosts, closedId));
        ((ObjectNode) body.get("ticket")).put("via_followup_source_id", Long.parseLong(closedId));
        return body;
    }

    /**
     * {@code POST /api/v2/tickets.json} with {@code via_followup_source_id}, as {@link #followUp}: a follow-up of the
     * closed ticket {@code closedId} holding the new text of {@code edited} posts that it shows with their earlier one.
     */
    public static ObjectNode followUpWithEdits(HandoffTicket ticket, String closedId, List<TicketPost> edited, Instant seenAt,
                                               HelpdeskMapping mapping) {
        ObjectNode body = ticket(ticket, mapping, TicketText.followUpEditBody(ticket, edited, closedId, seenAt));
        ((ObjectNode) body.get("ticket")).put("via_followup_source_id", Long.parseLong(closedId));
        return body;
    }

    /** {@code PUT /api/v2/tickets/{id}.json}: back to open, see {@link Reopening}. */
    public static ObjectNode reopen() {
        ObjectNode body = JSON.objectNode();
        body.putObject("ticket").put("status", "open");
        return body;
    }

    private static ObjectNode ticket(HandoffTicket ticket, HelpdeskMapping mapping, String firstComment) {
        Requester requester = Requester.of(ticket.source(), ticket.customer(), mapping.placeholderDomain());
        ObjectNode body = JSON.objectNode();
        ObjectNode fields = body.putObject("ticket");
        fields.put("external_id", ticket.id());
        fields.put("subject", TicketText.subject(ticket, requester));
        fields.set("comment", comment(firstComment));
        fields.putObject("requester").put("name", requester.name()).put("email", requester.placeholderEmail());
        fields.put("priority", HelpdeskPriorities.zendesk(ticket.priority()));
        ArrayNode tags = fields.putArray("tags");
        HelpdeskTags.of(ticket, mapping).forEach(tags::add);
        ArrayNode custom = JSON.arrayNode();
        addCustomField(custom, mapping.topicField(), ticket.topics().isEmpty() ? null : String.join(", ", ticket.topics()));
        addCustomField(custom, mapping.locationField(),
                ticket.location() == null ? null : TicketText.placeName(ticket.location()));
        if (!custom.isEmpty()) {
            fields.set("custom_fields", custom);
        }
        return body;
    }

    /** {@code PUT /api/v2/tickets/{id}.json}: the new posts as one comment, and the priority when it changed. */
    public static ObjectNode update(HandoffTicket ticket, List<TicketPost> newPosts, boolean priorityChanged) {
        ObjectNode body = JSON.objectNode();
        ObjectNode fields = body.putObject("ticket");
        if (!newPosts.isEmpty()) {
            fields.set("comment", comment(TicketText.body(ticket, newPosts, false)));
        }
        if (priorityChanged) {
            fields.put("priority", HelpdeskPriorities.zendesk(ticket.priority()));
        }
        return body;
    }

    /**
     * {@code PUT /api/v2/tickets/{ticket_id}/comments/{ticket_comment_id}/redact}: one string of a comment, which
     * Zendesk replaces by ▇ characters for good ("Redact String in Comment").
     */
    public static ObjectNode redact(String text) {
        return JSON.objectNode().put("text", text);
    }

    /**
     * {@code PUT /api/v2/comment_redactions/{ticket_comment_id}} ("Redact Ticket Comment In Agent Workspace"): the
     * comment's own {@code html_body} with what to remove marked, see {@link HtmlRedaction#mark}; Zendesk replaces the
     * marked characters by ▇ for good, in closed and archived tickets too.
     */
    public static ObjectNode commentRedaction(String ticketId, String markedHtmlBody) {
        return JSON.objectNode().put("ticket_id", Long.parseLong(ticketId)).put("html_body", markedHtmlBody);
    }

    /**
     * {@code PUT /api/v2/tickets/{id}.json}: a private comment saying that posts were removed at their authors'
     * request and their text redacted (Zendesk cannot rewrite a comment), with a {@link TicketText#REMOVED_MARKER}
     * per post so that a restart without state knows they are gone.
     */
    public static ObjectNode removalNote(List<String> removedPostIds) {
        StringBuilder text = new StringBuilder().append(removedPostIds.size() == 1
                ? "1 post removed at the author's request (deleted on the network); its text was redacted above.\n"
                : removedPostIds.size() + " posts removed at their authors' request (deleted on the network); "
                        + "their text was redacted above.\n");
        removedPostIds.forEach(id -> text.append(TicketText.REMOVED_MARKER).append(id).append('\n'));
        ObjectNode body = JSON.objectNode();
        body.putObject("ticket").set("comment", comment(text.toString()));
        return body;
    }

    /**
     * {@code PUT /api/v2/tickets/{id}.json}: a private comment with the new text of edited posts, whose earlier text
     * was redacted (Zendesk cannot rewrite a comment), each under its marker, see {@link TicketText#editBody}.
     */
    public static ObjectNode editedComment(HandoffTicket ticket, List<TicketPost> edited, Instant seenAt) {
        return editedComment(ticket, edited, seenAt, List.of());
    }

    /** As {@link #editedComment(HandoffTicket, List, Instant)}, where closed tickets {@code closedIds} keep the earlier text. */
    public static ObjectNode editedComment(HandoffTicket ticket, List<TicketPost> edited, Instant seenAt, List<String> closedIds) {
        ObjectNode body = JSON.objectNode();
        body.putObject("ticket").set("comment", comment(TicketText.editBody(ticket, edited, seenAt, closedIds)));
        return body;
    }

    private static ObjectNode comment(String text) {
        return JSON.objectNode().put("body", text).put("public", false);
    }

    private static void addCustomField(ArrayNode custom, String fieldId, String value) {
        if (fieldId != null && value != null) {
            custom.addObject().put("id", Long.parseLong(fieldId)).put("value", value);
        }
    }
}
