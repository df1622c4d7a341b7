package dev.earshot.respond.helpdesk;

import dev.earshot.model.TicketPriority;

/** Earshot's ticket priority in each helpdesk's own terms. */
public final class HelpdeskPriorities {

    private HelpdeskPriorities() {
    }

    /** Zendesk's {@code priority} values: low, normal, high, urgent. */
    public static String zendesk(TicketPriority priority) {
        return switch (priority) {
            case LOW -> "low";
            case NORMAL -> "normal";
            case HIGH -> "high";
            case URGENT -> "urgent";
        };
    }

    /** Freshdesk's numeric priority: 1 low, 2 medium, 3 high, 4 urgent. */
    public static int freshdesk(TicketPriority priority) {
        return switch (priority) {
            case LOW -> 1;
            case NORMAL -> 2;
            case HIGH -> 3;
            case URGENT -> 4;
        };
    }
}
