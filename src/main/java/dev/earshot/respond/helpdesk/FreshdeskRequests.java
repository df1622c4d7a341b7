package dev.earshot.respond.helpdesk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import java.util.List;

/**
 * Freshdesk API v2 bodies (https://developers.freshdesk.com/api/#tickets). Freshdesk tickets have no external id,
 * so the Earshot id travels as the tag {@code earshot-<id>}; bodies are HTML.
 */
public final class FreshdeskRequests {

    /** Freshdesk's status "Open". */
    static final int STATUS_OPEN = 2;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FreshdeskRequests() {
    }

    /** {@code POST /api/v2/tickets}. */
    public static ObjectNode create(HandoffTicket ticket, HelpdeskMapping mapping) {
        Requester requester = Requester.of(ticket.source(), ticket.customer(), mapping.placeholderDomain());
        ObjectNode body = JSON.objectNode();
        body.put("subject", TicketText.subject(ticket, requester));
        body.put("description", TicketText.html(TicketText.body(ticket, ticket.posts(), true)));
        body.put("name", requester.name());
        if (requester.twitterHandle() != null) {
            body.put("twitter_id", requester.twitterHandle());
        } else {
            body.put("unique_external_id", requester.externalId());
        }
        body.put("priority", HelpdeskPriorities.freshdesk(ticket.priority()));
        body.put("status", STATUS_OPEN);
        body.put("source", mapping.freshdeskSource());
        ArrayNode tags = body.putArray("tags");
        HelpdeskTags.of(ticket, mapping).forEach(tags::add);
        ObjectNode custom = JSON.objectNode();
        if (mapping.topicField() != null && !ticket.topics().isEmpty()) {
            custom.put(mapping.topicField(), String.join(", ", ticket.topics()));
        }
        if (mapping.locationField() != null && ticket.location() != null) {
            custom.put(mapping.locationField(), TicketText.placeName(ticket.location()));
        }
        if (!custom.isEmpty()) {
            body.set("custom_fields", custom);
        }
        return body;
    }

    /** {@code POST /api/v2/tickets/{id}/notes}: the new posts as one private note. */
    public static ObjectNode note(HandoffTicket ticket, List<TicketPost> newPosts) {
        return JSON.objectNode().put("body", TicketText.html(TicketText.body(ticket, newPosts, false))).put("private", true);
    }

    /**
     * {@code PUT /api/v2/tickets/{id}}: the description without the deleted posts' text, see
     * {@link TicketText#withoutPost}.
     */
    public static ObjectNode description(String html) {
        return JSON.objectNode().put("description", html);
    }

    /** {@code PUT /api/v2/conversations/{id}}: a note's new body, without the deleted posts' text. */
    public static ObjectNode noteBody(String html) {
        return JSON.objectNode().put("body", html);
    }

    /**
     * {@code PUT /api/v2/tickets/{id}}: back to Open (see {@link Reopening}; Freshdesk reopens closed tickets too),
     * with the raised (or lowered) priority when it changed.
     */
    public static ObjectNode reopen(HandoffTicket ticket, boolean priorityChanged) {
        ObjectNode body = JSON.objectNode().put("status", STATUS_OPEN);
        return priorityChanged ? body.put("priority", HelpdeskPriorities.freshdesk(ticket.priority())) : body;
    }

    /** {@code PUT /api/v2/tickets/{id}}: the raised (or lowered) priority. */
    public static ObjectNode priority(HandoffTicket ticket) {
        return JSON.objectNode().put("priority", HelpdeskPriorities.freshdesk(ticket.priority()));
    }
}
