package dev.earshot.connectors.live;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before reconnecting ({@code reconnect: {initialDelay, maxDelay}}): doubling from {@code initialDelay}
 * up to {@code maxDelay}, each wait drawn at random
 * from its upper half so that many readers dropped together do not reconnect together.
 */
public record Backoff(Duration initialDelay, Duration maxDelay) implements Serializable {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** The defaults for what is not set, checked, naming {@code <prefix>.reconnect.initialDelay} or {@code maxDelay}. */
    static Backoff checked(String prefix, Backoff backoff) {
        if (backoff == null) {
            return DEFAULT;
        }
        Duration initial = backoff.initialDelay() == null ? DEFAULT.initialDelay() : backoff.initialDelay();
        Duration max = backoff.maxDelay() == null ? DEFAULT.maxDelay() : backoff.maxDelay();
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException(prefix + ".reconnect.initialDelay must be more than 0, was " + initial + "; e.g. 1s");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(prefix + ".reconnect.maxDelay must be at least initialDelay (" + initial
                    + "), was " + max + "; e.g. 1m");
        }
        return new Backoff(initial, max);
    }

    /** The wait before attempt {@code failures + 1}, after {@code failures} failures in a row (at least 1). */
    Duration delay(int failures) {
        long cap = initialDelay.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        cap = Math.min(cap, maxDelay.toMillis());
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
}
