package dev.earshot.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResumedWatermarkTest {

    @Test
    void aJobResumesAtTheLowestWatermarkItsInstancesPassedOn() {
        assertThat(ResumedWatermark.of(List.of(7_000L, 5_000L, 9_000L))).hasValue(5_000L);
    }

    @Test
    void withoutSavedWatermarksOrWithAnInstanceThatHadNoEventTimeItStartsAtTheBeginning() {
        assertThat(ResumedWatermark.of(List.of())).isEmpty();
        assertThat(ResumedWatermark.of(List.of(7_000L, ResumedWatermark.NONE))).isEmpty();
    }

    @Test
    void eventTimeBeforeTheEpochIsEventTimeToo() {
        assertThat(ResumedWatermark.of(List.of(-60_000L, 1_000L))).hasValue(-60_000L);
    }

    @Test
    void anInstanceSavesTheHighestWatermarkItPassedOnButNotTheEndOfTime() {
        long saved = ResumedWatermark.NONE;
        for (long watermark : new long[] {3_000L, 8_000L, 6_000L, Long.MAX_VALUE}) {
            saved = ResumedWatermark.highest(saved, watermark);
        }

        assertThat(saved).isEqualTo(8_000L);
        assertThat(ResumedWatermark.highest(ResumedWatermark.NONE, Long.MAX_VALUE)).isEqualTo(ResumedWatermark.NONE);
    }
}
