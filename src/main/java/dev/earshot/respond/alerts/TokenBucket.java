package dev.earshot.respond.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token bucket with reservations: a message takes a token now or reserves the next one and waits for it.
 * Time is passed in, so that tests drive it with a fake clock. Not thread-safe: one sink writer owns it.
 */
public final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private final Duration maxWait;
    private double tokens;
    private Instant refilledAt;

    public TokenBucket(RateLimit limit, Instant now) {
        this.capacity = limit.burst();
        this.tokensPerNano = limit.perMinute() / Duration.ofMinutes(1).toNanos();
        this.maxWait = limit.maxWait();
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /**
     * Takes a token: the wait until it is due (zero when one is at hand), or empty when that wait would exceed
     * the limit's maxWait, in which case nothing is taken.
     */
    public Optional<Duration> reserve(Instant now) {
        refill(now);
        Duration wait = tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
        if (wait.compareTo(maxWait) > 0) {
            return Optional.empty();
        }
        tokens -= 1; // may go below zero: the reservation is owed from future refills
        return Optional.of(wait);
    }

    private void refill(Instant now) {
        if (now.isAfter(refilledAt)) {
            tokens = Math.min(capacity, tokens + Duration.between(refilledAt, now).toNanos() * tokensPerNano);
            refilledAt = now;
        }
    }
}
