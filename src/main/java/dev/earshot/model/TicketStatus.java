package dev.earshot.model;

public enum TicketStatus {
    /** The conversation has just been handed to support. */
    OPEN,
    /** A later post of the same conversation was added. */
    UPDATED
}
