package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ResumedEventTimeTest {

    private static final int MAX_PARALLELISM = 128;

    private static OneInputStreamOperatorTestHarness<String, String> instance(int parallelism, int index) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new ResumedEventTime<>(), MAX_PARALLELISM, parallelism, index);
    }

    /** Runs one instance from {@code restored} (or fresh if null) over {@code watermarks} and saves it. */
    private static OperatorSubtaskState runAndSave(OperatorSubtaskState restored, long... watermarks) throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> harness = instance(1, 0)) {
            harness.initializeState(restored);
            harness.open();
            for (long watermark : watermarks) {
                harness.processWatermark(watermark);
            }
            return harness.snapshot(1, 1);
        }
    }

    @Test
    void aFreshInstancePassesPostsAndRisingWatermarksOnUnchanged() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> harness = instance(1, 0)) {
            harness.open();
            harness.processElement("a", 4_000);
            harness.processWatermark(5_000);
            harness.processWatermark(3_000);
            harness.processElement("b", 2_000);
            harness.processWatermark(8_000);

            assertThat(harness.getOutput()).containsExactly(new StreamRecord<>("a", 4_000), new Watermark(5_000),
                    new StreamRecord<>("b", 2_000), new Watermark(8_000));
        }
    }

    @Test
    void aResumedInstanceSendsTheSavedWatermarkBeforeAnyPostAndOnlyHigherOnesAfter() throws Exception {
        OperatorSubtaskState saved = runAndSave(null, 5_000, 8_000, 6_000);

        try (OneInputStreamOperatorTestHarness<String, String> harness = instance(1, 0)) {
            harness.initializeState(saved);
            harness.open();
            harness.processWatermark(3_000);
            harness.processElement("old", 1_000);
            harness.processWatermark(9_000);

            assertThat(harness.getOutput()).containsExactly(new Watermark(8_000), new StreamRecord<>("old", 1_000),
                    new Watermark(9_000));
        }
    }

    @Test
    void aResumeBeforeTheInputCaughtUpSavesTheRestoredWatermarkAgain() throws Exception {
        OperatorSubtaskState saved = runAndSave(runAndSave(null, 8_000), 3_000);

        assertThat(resumedFrom(saved)).containsExactly(new Watermark(8_000));
    }

    @Test
    void theEndOfEventTimeIsPassedOnButNotResumedFrom() throws Exception {
        assertThat(resumedFrom(runAndSave(null, 8_000, Long.MAX_VALUE))).containsExactly(new Watermark(8_000));
    }

    @Test
    void withoutSavedEventTimeNothingIsSent() throws Exception {
        assertThat(resumedFrom(runAndSave(null))).isEmpty();
    }

    @Test
    void atAnotherParallelismEveryInstanceStartsFromTheLowestSavedWatermark() throws Exception {
        OperatorSubtaskState[] saved = new OperatorSubtaskState[3];
        long[] watermarks = {7_000, 5_000, 9_000};
        for (int index = 0; index < 3; index++) {
            try (OneInputStreamOperatorTestHarness<String, String> harness = instance(3, index)) {
                harness.open();
                harness.processWatermark(watermarks[index]);
                saved[index] = harness.snapshot(1, 1);
            }
        }
        OperatorSubtaskState all = AbstractStreamOperatorTestHarness.repackageState(saved);

        for (int index = 0; index < 2; index++) {
            try (OneInputStreamOperatorTestHarness<String, String> harness = instance(2, index)) {
                harness.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(
                        all, MAX_PARALLELISM, 3, 2, index));
                harness.open();

                assertThat(harness.getOutput()).as("instance %d of 2", index).containsExactly(new Watermark(5_000));
            }
        }
    }

    private static Iterable<Object> resumedFrom(OperatorSubtaskState saved) throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> harness = instance(1, 0)) {
            harness.initializeState(saved);
            harness.open();
            return new ArrayList<>(harness.getOutput());
        }
    }
}
