package dev.earshot.cli;

import dev.earshot.flink.Counters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of the stage that reads and parses the input across a restart, which Flink resumes from its last
 * checkpoint. Where that checkpoint was taken after the stage had read its input through and finished, Flink does not
 * start the stage again: the restarted job has none of its counters, and the stage's last counts seen before the
 * restart (final, as it had finished) stand in for them. Where the stage runs again, it counts what it reads since the
 * checkpoint, which is nothing if the checkpoint had read the input through: the records it had read before the
 * restart, when last seen, are then said beside them, so that "0 records" does not read as if nothing was read. Counts
 * seen in an attempt after a first restart are those since that restart's checkpoint, and are said to be.
 */
final class ReadStageCounts {

    /** Set in the counters the summary gets where the read stage's counts are those seen before the restart. */
    static final String FROM_BEFORE_THE_RESTART = "read-stage-counted-before-the-restart";
    /** The records read before the last restart, when last seen, in the counters the summary gets of a restarted job. */
    static final String READ_BEFORE_THE_RESTART = "records-read-before-the-restart";
    /**
     * The attempt the read stage's counts from before the last restart were seen in, beside them: 0 counts from the
     * start of the run, a later one only since the checkpoint that restart resumed from.
     */
    static final String COUNTED_IN_ATTEMPT = "read-stage-counted-in-attempt";

    /** What the read stage counts, and it alone; its rejections are dead letters too. */
    private static final List<String> OWN = List.of(Counters.RECORDS_READ, Counters.POSTS_VALID, Counters.POSTS_EDITED,
            Counters.POSTS_DELETED, Counters.RECORDS_SKIPPED, Counters.RECORDS_UNREADABLE, Counters.ITEMS_REJECTED);

    /** The last look that had the read stage's counts, and the last one of an attempt before it. */
    private Map<String, Object> lastSeen = Map.of();
    private Map<String, Object> lastOfAnEarlierAttempt = Map.of();

    /** Keeps the read stage's counts of one look at the job's counters, where they hold them. */
    void saw(Map<String, Object> counters) {
        if (!counters.containsKey(Counters.RECORDS_READ)) {
            return;
        }
        if (number(counters, Counters.RESTARTS) > number(lastSeen, Counters.RESTARTS)) {
            lastOfAnEarlierAttempt = lastSeen;
        }
        lastSeen = counters;
    }

    /** The counters, with the read stage's counts from before the last restart where it had one; as they are otherwise. */
    Map<String, Object> completed(Map<String, Object> counters) {
        long restarts = number(counters, Counters.RESTARTS);
        Map<String, Object> before = number(lastSeen, Counters.RESTARTS) < restarts ? lastSeen : lastOfAnEarlierAttempt;
        if (restarts == 0 || !before.containsKey(Counters.RECORDS_READ)) {
            return counters;
        }
        Map<String, Object> completed = new HashMap<>(counters);
        completed.put(COUNTED_IN_ATTEMPT, number(before, Counters.RESTARTS));
        if (counters.containsKey(Counters.RECORDS_READ)) {
            completed.put(READ_BEFORE_THE_RESTART, number(before, Counters.RECORDS_READ));
            return completed;
        }
        for (String name : OWN) {
            completed.put(name, number(before, name));
        }
        completed.merge(Counters.DEAD_LETTERS, number(before, Counters.ITEMS_REJECTED),
                (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
        completed.put(FROM_BEFORE_THE_RESTART, 1L);
        return completed;
    }

    private static long number(Map<String, Object> counters, String name) {
        return counters.get(name) instanceof Number n ? n.longValue() : 0L;
    }
}
