package dev.earshot.connectors.live;

import java.time.Duration;

/** Checks the live sources' options share. */
final class LiveOptions {

    private LiveOptions() {
    }

    static Duration positive(String key, Duration value, String example) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be more than 0, was " + value + "; e.g. " + example);
        }
        return value;
    }
}
