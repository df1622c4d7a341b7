package dev.earshot.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Whether the run prints a progress line now: when the counts changed since the last line, else once a minute, so
 * that a job idle on Kafka does not fill a log with the same line every few seconds (in application mode the line
 * goes to the JobManager's log), and a cluster, whose counts reach the client only with each TaskManager heartbeat
 * (every 10 s), does not print each count three times.
 */
final class ProgressPace {

    static final Duration UNCHANGED_EVERY = Duration.ofMinutes(1);

    private List<Object> printed;
    private Instant printedAt;

    /**
     * Whether to print a line for these counts at {@code now}; if so, they are the last printed from then on.
     *
     * @param counters the job's counters
     * @param delivered what the run delivered, as the line shows it beside the counters (null: not counted apart)
     */
    boolean due(Map<String, Object> counters, Map<String, DeliveryTally.Counts> delivered, Instant now) {
        List<Object> counts = Arrays.asList(counters, delivered);
        if (counts.equals(printed) && Duration.between(printedAt, now).compareTo(UNCHANGED_EVERY) < 0) {
            return false;
        }
        printed = counts;
        printedAt = now;
        return true;
    }
}
