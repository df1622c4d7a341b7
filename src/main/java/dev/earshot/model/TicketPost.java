package dev.earshot.model;

import java.time.Instant;

/**
 * One post of a ticket's conversation, as a support agent reads it.
 *
 * @param editedAt when the network says the author last edited the post ({@link Post#editedAt}), or null
 */
public record TicketPost(String id, Instant createdAt, String text, String url, double sentimentScore, SentimentLabel label,
                         Instant editedAt) {

    /** A post its network does not say was edited. */
    public TicketPost(String id, Instant createdAt, String text, String url, double sentimentScore, SentimentLabel label) {
        this(id, createdAt, text, url, sentimentScore, label, null);
    }
}
