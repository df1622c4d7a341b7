package dev.earshot.respond.alerts;

import java.io.Serializable;
import java.time.Duration;

/**
 * A channel's token bucket: {@code burst} messages at once, refilled at {@code perMinute}. A message that finds
 * the bucket empty waits for its token; one that would wait longer than {@code maxWait} is not sent and becomes
 * a dead letter, so that a flood cannot queue without bound. Defaults: 20 a minute, burst 5, maxWait 5m.
 */
public record RateLimit(Double perMinute, Integer burst, Duration maxWait) implements Serializable {

    public RateLimit {
        perMinute = perMinute == null ? 20.0 : perMinute;
        burst = burst == null ? 5 : burst;
        maxWait = maxWait == null ? Duration.ofMinutes(5) : maxWait;
        if (!(perMinute > 0 && perMinute <= 60_000)) {
            throw new IllegalArgumentException("rateLimit.perMinute must be in (0, 60000], e.g. 20 (Slack allows about 60); was " + perMinute);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rateLimit.burst must be >= 1, e.g. 5; was " + burst);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("rateLimit.maxWait must be a duration >= 0, e.g. 5m; was " + maxWait);
        }
    }

    public static RateLimit defaults() {
        return new RateLimit(null, null, null);
    }
}
