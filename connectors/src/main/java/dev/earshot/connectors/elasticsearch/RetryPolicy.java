package dev.earshot.connectors.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * When the sink tries a document again: Elasticsearch answers 429 when its write queues or disk are full and
 * 502/503/504 while a node or shard is unavailable; both pass, so the document is sent again after an exponential
 * back-off. Any other refusal (400 mapping error, 500) would fail again, so it becomes a dead letter instead.
 *
 * @param maxRetries tries after the first, before the job fails (Flink then restarts it from its last checkpoint)
 * @param initialBackoff the wait before the first retry; each further retry waits twice as long
 * @param maxBackoff the longest wait between two tries
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) implements Serializable {

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be >= initialBackoff (" + initialBackoff + "), was " + maxBackoff);
        }
    }

    /** Ten retries backing off 0.1 s, 0.2 s, ... up to 30 s: about 80 s in all, long enough for a node restart. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    /** Whether a document that got {@code status} may succeed if sent again later. */
    public static boolean isTransient(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** Whether a document already tried {@code retriesSoFar} times after its first try may be tried again. */
    public boolean allowsRetry(int retriesSoFar) {
        return retriesSoFar < maxRetries;
    }

    /** How long a document is retried in all before the job fails: the sum of every back-off. */
    public Duration totalBackoff() {
        Duration total = Duration.ZERO;
        for (int retry = 1; retry <= maxRetries; retry++) {
            total = total.plus(backoff(retry));
        }
        return total;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, was " + retry);
        }
        // Doubling from the initial wait; the shift is bounded so that it cannot overflow.
        long millis = initialBackoff.toMillis() << Math.min(retry - 1, 30);
        return millis <= 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }
}
