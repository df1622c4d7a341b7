package dev.earshot.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayPacerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void theFirstRecordGoesAtOnceAndStartsTheClock() {
        ReplayPacer pacer = new ReplayPacer(60);
        assertThat(pacer.started()).isFalse();
        assertThat(pacer.waitBefore(T0, Duration.ZERO)).isZero();
        assertThat(pacer.started()).isTrue();
    }

    @Test
    void anHourOfEventTimeTakesAMinuteAtSixtyTimes() {
        ReplayPacer pacer = new ReplayPacer(60);
        pacer.waitBefore(T0, Duration.ZERO);
        assertThat(pacer.waitBefore(T0.plus(Duration.ofHours(1)), Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
        assertThat(pacer.waitBefore(T0.plus(Duration.ofHours(1)), Duration.ofSeconds(45))).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aReplayRunningLateDoesNotWait() {
        ReplayPacer pacer = new ReplayPacer(1);
        pacer.waitBefore(T0, Duration.ZERO);
        assertThat(pacer.waitBefore(T0.plusSeconds(10), Duration.ofSeconds(30))).isZero();
    }

    @Test
    void aRecordEarlierThanTheFirstIsDueAtOnce() {
        ReplayPacer pacer = new ReplayPacer(2);
        pacer.waitBefore(T0, Duration.ZERO);
        assertThat(pacer.waitBefore(T0.minusSeconds(600), Duration.ZERO)).isZero();
    }

    @Test
    void realTimeReplayWaitsTheEventGap() {
        ReplayPacer pacer = new ReplayPacer(1);
        pacer.waitBefore(T0, Duration.ZERO);
        assertThat(pacer.waitBefore(T0.plusMillis(1500), Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSpeedupMustBePositive() {
        assertThatThrownBy(() -> new ReplayPacer(0)).hasMessageContaining("speedup must be a positive number");
        assertThatThrownBy(() -> new ReplayPacer(Double.NaN)).hasMessageContaining("e.g. 60");
    }
}
