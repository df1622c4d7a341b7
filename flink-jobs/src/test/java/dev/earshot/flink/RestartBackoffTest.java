package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.executiongraph.failover.ExponentialDelayRestartBackoffTimeStrategy;
import org.apache.flink.runtime.executiongraph.failover.RestartBackoffTimeStrategy;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private static final EarshotConfig.Recovery DEFAULTS = EarshotConfig.defaults().recovery();

    @Test
    void theDefaultsRestartThreeTimesInARowTenTwentyAndFortySecondsAfterTheFailures() {
        assertThat(DEFAULTS.attempts()).isEqualTo(3);
        assertThat(RestartBackoff.delay(DEFAULTS, 1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RestartBackoff.delay(DEFAULTS, 2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(RestartBackoff.delay(DEFAULTS, 3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(RestartBackoff.delay(DEFAULTS, 6)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RestartBackoff.totalDelay(DEFAULTS)).isEqualTo(Duration.ofSeconds(70));
    }

    @Test
    void anOlderConfigOfAttemptsAndDelayStillLoadsAndALongDelayIsNotCutByTheDefaultCap() {
        EarshotConfig.Recovery recovery = ConfigLoader.parse("recovery: { attempts: 5, delay: 5m }\n", "earshot.yaml").recovery();

        assertThat(recovery.attempts()).isEqualTo(5);
        assertThat(recovery.resetAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(RestartBackoff.delay(recovery, 3)).isEqualTo(Duration.ofMinutes(5));
    }

    /**
     * Flink's own strategy, built from the configuration, restarts as often and as late as this class numbers and
     * computes. On the real clock, with margins far above a loaded machine's pauses.
     */
    @Test
    void flinksStrategyFromTheConfigurationAgreesWithTheNumbering() throws InterruptedException {
        EarshotConfig.Recovery recovery = new EarshotConfig.Recovery(2, Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofSeconds(3));
        Configuration flink = RestartBackoff.configure(new Configuration(), recovery);
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        RestartBackoffTimeStrategy strategy = ExponentialDelayRestartBackoffTimeStrategy.createFactory(flink).create();
        RestartBackoff numbering = new RestartBackoff(recovery);

        assertThat(fail(strategy, numbering)).isEqualTo(1);
        assertThat(strategy.canRestart()).isTrue();
        assertThat(strategy.getBackoffTime()).isBetween(1L, RestartBackoff.delay(recovery, 1).toMillis());
        Thread.sleep(200);
        assertThat(fail(strategy, numbering)).isEqualTo(2);
        assertThat(strategy.canRestart()).isTrue();
        assertThat(strategy.getBackoffTime()).isBetween(51L, RestartBackoff.delay(recovery, 2).toMillis());

        // Healthy for longer than resetAfter since the second restart: a new row, with its attempts back.
        Thread.sleep(3_500);
        assertThat(fail(strategy, numbering)).isEqualTo(1);
        assertThat(strategy.canRestart()).isTrue();
        Thread.sleep(200);
        assertThat(fail(strategy, numbering)).isEqualTo(2);
        Thread.sleep(200);
        assertThat(fail(strategy, numbering)).as("past recovery.attempts").isEqualTo(3);
        assertThat(strategy.canRestart()).isFalse();
    }

    private static int fail(RestartBackoffTimeStrategy strategy, RestartBackoff numbering) {
        strategy.notifyFailure(new RuntimeException("a task failed"));
        return numbering.restartNumber(Instant.now());
    }
}
