package dev.earshot.model;

public enum TicketStatus {
    /** The conversation has just been handed to support. */
    OPEN,
    /** A later post of the same conversation was added. */
    UPDATED,
    /**
     * Nothing was posted for the quiet period: the conversation is considered over. A venting post within the
     * reopen window reopens the same ticket (UPDATED); a later one opens a new ticket.
     */
    CLOSED
}
