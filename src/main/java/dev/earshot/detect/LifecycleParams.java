package dev.earshot.detect;

import java.io.Serializable;
/**
 * Thresholds of {@link AlertLifecycle}, counted in windows (slides) of one cell.
 *
 * @param persistence consecutive anomalous windows before an incident opens; 1 alerts at once, more trade
 *     latency for fewer one-window blips
 * @param resolveAfter consecutive quiet windows (not even {@link Finding#elevated() elevated}) before an open
 *     incident resolves; 2 keeps one quiet window in the middle of an incident from closing it and opening a new
 *     one. A window that is elevated but not anomalous is not quiet: the detectors' looser stay thresholds are the
 *     hysteresis in value, this count the hysteresis in time
 * @param cooldown windows after a resolution during which the same cell cannot open a new incident, so that a
 *     cell hovering around the threshold does not flap between OPEN and RESOLVED
 * @param downgradeBy how far severity must fall below the last reported one before an UPDATED is sent (any rise is
 *     sent at once): a severity that wobbles by one between slides does not flood the alert stream
 */
public record LifecycleParams(int persistence, int resolveAfter, int cooldown, int downgradeBy) implements Serializable {

    public LifecycleParams {
        if (persistence < 1) {
            throw new IllegalArgumentException("persistence must be >= 1, was " + persistence + "; 1 opens at once");
        }
        if (resolveAfter < 1) {
            throw new IllegalArgumentException("resolveAfter must be >= 1, was " + resolveAfter + "; e.g. 2");
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown + "; 0 disables it");
        }
        if (downgradeBy < 1) {
            throw new IllegalArgumentException("downgradeBy must be >= 1, was " + downgradeBy + "; e.g. 2");
        }
    }

    public static LifecycleParams defaults() {
        return new LifecycleParams(1, 2, 2, 2);
    }
}
