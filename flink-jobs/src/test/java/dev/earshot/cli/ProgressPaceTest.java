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

        assertThat(pace.due(first, START)).isTrue();
        assertThat(pace.due(Map.of("recordsRead", 10L), START.plusSeconds(3))).isFalse();
        assertThat(pace.due(first, START.plusSeconds(59))).isFalse();
        assertThat(pace.due(first, START.plusSeconds(60))).isTrue();
        assertThat(pace.due(first, START.plusSeconds(63))).isFalse();
        assertThat(pace.due(Map.of("recordsRead", 11L), START.plusSeconds(66))).isTrue();
        assertThat(pace.due(Map.of("recordsRead", 11L, "deadLetters", 1L), START.plusSeconds(69))).isTrue();
    }
}
