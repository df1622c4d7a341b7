package dev.earshot.model;

import java.time.Instant;

/**
 * A record Earshot could not use, kept with the reason so that nothing is lost silently.
 *
 * @param raw the record exactly as received
 * @param reason what is wrong with it, in words that say what to fix
 * @param stage where it was rejected, e.g. {@code parse}
 * @param origin where it came from: a file and line, a topic, partition and offset
 * @param rejectedAt processing time of the rejection
 */
public record DeadLetter(String raw, String reason, String stage, String origin, Instant rejectedAt) {
}
