package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressPaceTest {

    private static final Instant START = Instant.parse("2026-03-04T05:00:00Z");

    @Test
    void printsEachChangeAndRepeatsUnchangedCountsOnlyOnceAMinute() {
        ProgressPace pace = new ProgressPace();
        Map<String, Object> first = Map.of("recordsRead", 10L);

        assertThat(pace.due(first, null, START)).isTrue();
        assertThat(pace.due(Map.of("recordsRead", 10L), null, START.plusSeconds(3))).isFalse();
        assertThat(pace.due(first, null, START.plusSeconds(59))).isFalse();
        assertThat(pace.due(first, null, START.plusSeconds(60))).isTrue();
        assertThat(pace.due(first, null, START.plusSeconds(63))).isFalse();
        assertThat(pace.due(Map.of("recordsRead", 11L), null, START.plusSeconds(66))).isTrue();
        assertThat(pace.due(Map.of("recordsRead", 11L, "deadLetters", 1L), null, START.plusSeconds(69))).isTrue();
    }

    /** The line shows what the run delivered beside the counters: a change there alone is news too. */
    @Test
    void printsAChangeInWhatTheRunDeliveredAlone() {
        ProgressPace pace = new ProgressPace();
        Map<String, Object> counters = Map.of("recordsRead", 10L);

        assertThat(pace.due(counters, Map.of(), START)).isTrue();
        assertThat(pace.due(counters, Map.of(), START.plusSeconds(3))).isFalse();
        assertThat(pace.due(counters, Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(1, 0)), START.plusSeconds(6)))
                .isTrue();
        assertThat(pace.due(counters, Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(1, 0)), START.plusSeconds(9)))
                .isFalse();
    }
}
