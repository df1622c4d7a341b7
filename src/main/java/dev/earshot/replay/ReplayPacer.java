package dev.earshot.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * Paces a replayed stream in event time: a record is due when as much wall-clock time has passed since the first
 * record as event time has, divided by the speed-up. A speed-up of 60 plays an hour of posts in a minute, so that
 * windows fire, alerts open and tickets update at a pace a person can watch. Records earlier in event time than one
 * already replayed (out of order) are due at once: the replay never waits to go backwards.
 */
public final class ReplayPacer {

    private final double speedup;
    private Instant firstEventTime;

    /** @param speedup event time per unit of wall-clock time; 1 replays in real time */
    public ReplayPacer(double speedup) {
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be a positive number, was " + speedup
                    + "; e.g. 60 plays an hour of posts per minute, 1 plays them in real time");
        }
        this.speedup = speedup;
    }

    /**
     * How long to wait before emitting a record.
     *
     * @param eventTime the record's event time
     * @param sinceFirst wall-clock time since the first record was emitted
     */
    public Duration waitBefore(Instant eventTime, Duration sinceFirst) {
        if (firstEventTime == null) {
            firstEventTime = eventTime;
            return Duration.ZERO;
        }
        double dueNanos = Duration.between(firstEventTime, eventTime).toNanos() / speedup;
        long waitNanos = (long) dueNanos - sinceFirst.toNanos();
        return waitNanos > 0 ? Duration.ofNanos(waitNanos) : Duration.ZERO;
    }

    /** Whether the first record has been seen, which starts the replay's clock. */
    public boolean started() {
        return firstEventTime != null;
    }
}
