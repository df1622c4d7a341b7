package dev.earshot.connectors.live;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before reconnecting: doubling from {@code initial} up to {@code max}, each wait drawn at random
 * from its upper half so that many readers dropped together do not reconnect together.
 */
public record Backoff(Duration initial, Duration max) implements Serializable {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** Checks both delays, naming {@code <prefix>.reconnect.initialDelay} or {@code maxDelay} if one is wrong. */
    public static Backoff of(String prefix, Duration initial, Duration max) {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException(prefix + ".reconnect.initialDelay must be more than 0, was " + initial + "; e.g. 1s");
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(prefix + ".reconnect.maxDelay must be at least initialDelay (" + initial
                    + "), was " + max + "; e.g. 1m");
        }
        return new Backoff(initial, max);
    }

    /** The wait before attempt {@code failures + 1}, after {@code failures} failures in a row (at least 1). */
    Duration delay(int failures) {
        long cap = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        cap = Math.min(cap, max.toMillis());
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
}
