package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.enrich.LanguageScope;
import dev.earshot.flink.Counters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A restart from a checkpoint taken after the input was read through: the job's counters then lack the read stage's
 * (CountsAfterTheInputEndedITCase shows Flink's side), and the summary must not say that nothing was read.
 */
class ReadStageCountsTest {

    /** As the job counts while its first attempt runs, the input read through. */
    private static final Map<String, Object> FIRST_ATTEMPT = Map.of(Counters.RECORDS_READ, 20L, Counters.POSTS_VALID, 17L,
            Counters.ITEMS_REJECTED, 3L, Counters.DEAD_LETTERS, 3L, Counters.RESTARTS, 0L, Counters.WINDOW_STATS, 4L);
    /** As the restarted job ends: the read stage was not started again, the window stage counts since the checkpoint. */
    private static final Map<String, Object> AFTER_THE_RESTART = Map.of(Counters.RESTARTS, 1L, Counters.WINDOW_STATS, 2L,
            Counters.DEAD_LETTERS, 1L, Counters.LATE_POSTS, 1L);

    @Test
    void theReadStagesCountsSeenBeforeTheRestartStandInForThoseTheJobNoLongerHas() {
        ReadStageCounts readStage = new ReadStageCounts();
        readStage.saw(FIRST_ATTEMPT);
        readStage.saw(AFTER_THE_RESTART);

        String report = finalReport(readStage.completed(AFTER_THE_RESTART));

        assertThat(report.lines().toList()).startsWith("Earshot finished in 4.0 s: 20 records as counted before the "
                        + "restart, when last counted",
                "  Flink restarted the job after a failure (once, recovery.attempts): the counts are since the checkpoint "
                        + "it resumed from; the files also hold what was committed before it",
                "  the input was read through before that checkpoint: the records read are as counted before the restart",
                "  records read    20 holding 20 items: 17 posts + 0 edits + 0 deletions + 0 events that are not posts + 3 "
                        + "rejected (dead letters)");
        assertThat(report).contains("  dead letters    4: 3 rejected when read + 1 too late for their windows + 0 at stage "
                + "enrich or taxonomy");
    }

    /**
     * The first attempt failed while reading, the second read the rest through, the third did not start the reading
     * again: the counts that stand in are the second attempt's, since the first restart's checkpoint, and said to be.
     */
    @Test
    void countsSeenAfterAnEarlierRestartAreSaidToBeSinceIt() {
        ReadStageCounts readStage = new ReadStageCounts();
        readStage.saw(Map.of(Counters.RECORDS_READ, 12L, Counters.POSTS_VALID, 12L, Counters.RESTARTS, 0L));
        readStage.saw(Map.of(Counters.RECORDS_READ, 8L, Counters.POSTS_VALID, 8L, Counters.RESTARTS, 1L));
        Map<String, Object> afterTheSecondRestart = Map.of(Counters.RESTARTS, 2L, Counters.WINDOW_STATS, 2L);
        readStage.saw(afterTheSecondRestart);

        String report = finalReport(readStage.completed(afterTheSecondRestart));

        assertThat(report.lines().toList()).startsWith("Earshot finished in 4.0 s: 8 records as counted since restart 1, "
                        + "when last counted",
                "  Flink restarted the job after a failure (2 times, recovery.attempts): the counts are since the checkpoint "
                        + "it resumed from; the files also hold what was committed before it",
                "  the input was read through before that checkpoint: the records read are as counted since restart 1");
    }

    /** The reading started again in the third attempt, and what the second read is said to be since the first restart. */
    @Test
    void theRecordsReadBeforeTheLastRestartSayTheAttemptTheyWereCountedIn() {
        ReadStageCounts readStage = new ReadStageCounts();
        readStage.saw(Map.of(Counters.RECORDS_READ, 12L, Counters.RESTARTS, 0L));
        readStage.saw(Map.of(Counters.RECORDS_READ, 8L, Counters.RESTARTS, 1L));
        Map<String, Object> afterTheSecondRestart = Map.of(Counters.RECORDS_READ, 0L, Counters.RESTARTS, 2L);
        readStage.saw(afterTheSecondRestart);

        String report = finalReport(readStage.completed(afterTheSecondRestart));

        assertThat(report.lines().toList()).startsWith("Earshot finished in 4.0 s: 0 records since the last restart (8 read "
                + "before it since restart 1, when last counted)");
    }

    /** The read stage started again, and had nothing left to read: its 0 is said beside what it read before. */
    @Test
    void aReadStageStartedAgainSaysItsCountsSinceTheRestartBesideThoseBefore() {
        ReadStageCounts readStage = new ReadStageCounts();
        readStage.saw(FIRST_ATTEMPT);
        Map<String, Object> restarted = new HashMap<>(AFTER_THE_RESTART);
        restarted.put(Counters.RECORDS_READ, 0L);
        readStage.saw(restarted);

        String report = finalReport(readStage.completed(restarted));

        assertThat(report.lines().toList()).startsWith("Earshot finished in 4.0 s: 0 records since the restart (20 read "
                + "before it, when last counted)");
        assertThat(report).contains(System.lineSeparator() + "  records read    0 since the restart holding 0 items: ");
    }

    @Test
    void aRunThatDidNotRestartIsLeftAsItIs() {
        ReadStageCounts readStage = new ReadStageCounts();
        readStage.saw(FIRST_ATTEMPT);

        assertThat(readStage.completed(FIRST_ATTEMPT)).isSameAs(FIRST_ATTEMPT);
    }

    /** No look at the counters caught the read stage (a short run): the summary says the input went uncounted. */
    @Test
    void aReadStageNeverSeenIsSaidNotCountedRatherThanZero() {
        String report = finalReport(new ReadStageCounts().completed(AFTER_THE_RESTART));

        assertThat(report.lines().toList()).startsWith("Earshot finished in 4.0 s: the input was read through before the "
                + "checkpoint the restart resumed from, and not counted since");
        assertThat(report).contains(System.lineSeparator() + "  records read    not counted: the input was read through "
                + "before the checkpoint the restart resumed from" + System.lineSeparator()).doesNotContain("0 records");
    }

    private static String finalReport(Map<String, Object> counters) {
        return new RunSummary(counters).finalReport(Duration.ofSeconds(4), Path.of("output"), LanguageScope.defaults());
    }
}
