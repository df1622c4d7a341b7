package dev.earshot.model;

public enum TicketPriority {
    LOW, NORMAL, HIGH, URGENT
}
