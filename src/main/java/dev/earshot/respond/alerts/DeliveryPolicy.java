package dev.earshot.respond.alerts;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

/**
 * How hard delivery tries, and how much of the pipeline a slow endpoint may hold up.
 *
 * @param maxAttempts attempts per message, the first included; after the last one the alert is a dead letter
 * @param initialBackoff the wait before the second attempt; each later wait doubles, up to {@code maxBackoff}
 * @param maxBackoff the longest wait between attempts that the endpoint did not ask for
 * @param maxRetryAfter the longest {@code Retry-After} honoured; an endpoint asking for more gets a dead letter
 * @param requestTimeout how long one attempt may take, response included
 * @param connectTimeout how long connecting may take
 * @param maxInFlight messages being delivered (waiting, sending or backing off) at once; when reached, the sink
 *     holds the stream back (bounded back-pressure) until one finishes
 */
public record DeliveryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        Duration requestTimeout,
        Duration connectTimeout,
        int maxInFlight) implements Serializable {

    public DeliveryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be in [1, 20], e.g. 5; was " + maxAttempts);
        }
        requirePositive(initialBackoff, "initialBackoff", "1s");
        requirePositive(maxBackoff, "maxBackoff", "1m");
        requirePositive(maxRetryAfter, "maxRetryAfter", "5m");
        requirePositive(requestTimeout, "requestTimeout", "10s");
        requirePositive(connectTimeout, "connectTimeout", "5s");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
                    + initialBackoff + ")");
        }
        if (maxInFlight < 1 || maxInFlight > 10_000) {
            throw new IllegalArgumentException("maxInFlight must be in [1, 10000], e.g. 32; was " + maxInFlight);
        }
    }

    public static DeliveryPolicy defaults() {
        return new DeliveryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5), 32);
    }

    /** What to do after a failed attempt. */
    public sealed interface Next {
        record Retry(Duration delay) implements Next {
        }

        record GiveUp(String reason) implements Next {
        }
    }

    /**
     * The decision after attempt number {@code attempt} (1-based) failed.
     *
     * @param failure what went wrong, in words for the dead letter
     * @param retryable false for answers that will not change on a retry (e.g. HTTP 400, 404)
     * @param retryAfter the wait the endpoint asked for, if any
     * @param random a number in [0, 1) for the jitter
     */
    public Next afterFailure(int attempt, String failure, boolean retryable, Optional<Duration> retryAfter, double random) {
        if (!retryable) {
            return new Next.GiveUp(failure + " (not retried: the request itself was refused)");
        }
        if (attempt >= maxAttempts) {
            return new Next.GiveUp("gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts") + ", the last: " + failure);
        }
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            if (asked.compareTo(maxRetryAfter) > 0) {
                return new Next.GiveUp(failure + "; the endpoint asked to wait " + asked.toSeconds()
                        + "s (Retry-After), longer than maxRetryAfter " + maxRetryAfter.toSeconds() + "s");
            }
            return new Next.Retry(asked);
        }
        return new Next.Retry(backoff(attempt, random));
    }

    /**
     * The longest a message can take from its first attempt until it is settled: every attempt's timeouts, each
     * followed by the longest wait {@link #afterFailure} may ask for.
     */
    public Duration longestSettle() {
        Duration longestWait = maxBackoff.compareTo(maxRetryAfter) > 0 ? maxBackoff : maxRetryAfter;
        return requestTimeout.plus(connectTimeout).plus(longestWait).multipliedBy(maxAttempts);
    }

    /**
     * Exponential backoff with "equal jitter": half the exponential step is kept, the other half is random, so
     * that waits still grow but senders that failed together do not retry together.
     */
    Duration backoff(int attempt, double random) {
        long step = initialBackoff.toMillis();
        for (int i = 1; i < attempt && step < maxBackoff.toMillis(); i++) {
            step *= 2;
        }
        step = Math.min(step, maxBackoff.toMillis());
        return Duration.ofMillis(step / 2 + (long) (random * (step - step / 2)));
    }

    /** Whether an HTTP status is worth retrying: timeouts, throttling and server errors. */
    public static boolean isRetryable(int status) {
        return status == 408 || status == 425 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    private static void requirePositive(Duration value, String name, String example) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, e.g. " + example + "; was " + value);
        }
    }
}
