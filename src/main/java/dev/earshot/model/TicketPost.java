package dev.earshot.model;

import java.time.Instant;

/** One post of a ticket's conversation, as a support agent reads it. */
public record TicketPost(String id, Instant createdAt, String text, String url, double sentimentScore, SentimentLabel label) {
}
