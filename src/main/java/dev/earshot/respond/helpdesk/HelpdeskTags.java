package dev.earshot.respond.helpdesk;

import dev.earshot.model.HandoffTicket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The tags of a helpdesk ticket: agents filter on them, and the {@link #ticketTag} finds the ticket again. */
public final class HelpdeskTags {

    private HelpdeskTags() {
    }

    public static List<String> of(HandoffTicket ticket, HelpdeskMapping mapping) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add("earshot");
        tags.add(ticketTag(ticket.id()));
        if (ticket.source() != null) {
            tags.add(TicketText.tag("source_", ticket.source()));
        }
        ticket.topics().forEach(topic -> tags.add(TicketText.tag("topic_", topic)));
        if (ticket.location() != null) {
            tags.add(TicketText.tag("place_", ticket.location().city()));
        }
        tags.addAll(mapping.tags());
        return List.copyOf(tags);
    }

    /** The tag naming the Earshot ticket, for helpdesks without an external id on tickets (Freshdesk). */
    public static String ticketTag(String ticketId) {
        return "earshot-" + ticketId;
    }
}
