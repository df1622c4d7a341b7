package dev.earshot.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Whether the run prints a progress line now: when the counts changed since the last line, else once a minute, so
 * that a job idle on Kafka does not fill a log with the same line every few seconds (in application mode the line
 * goes to the JobManager's log), and a cluster, whose counts reach the client only with each TaskManager heartbeat
 * (every 10 s), does not print each count three times.
 */
final class ProgressPace {

    static final Duration UNCHANGED_EVERY = Duration.ofMinutes(1);

    private Map<String, Object> printed;
    private Instant printedAt;

    /** Whether to print a line for these counts at {@code now}; if so, they are the last printed from then on. */
    boolean due(Map<String, Object> counts, Instant now) {
        if (counts.equals(printed) && Duration.between(printedAt, now).compareTo(UNCHANGED_EVERY) < 0) {
            return false;
        }
        printed = counts;
        printedAt = now;
        return true;
    }
}
