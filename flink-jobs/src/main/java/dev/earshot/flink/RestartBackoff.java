package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;

/**
 * {@code recovery} as Flink's {@code exponential-delay} restart strategy: up to {@code attempts} restarts in a row,
 * the first {@code delay} after the failure and each further one twice as late, up to {@code maxDelay}; a job that
 * then runs {@code resetAfter} without failing starts a new row. A fixed delay would spend its attempts within
 * seconds of an outage of minutes, and count them over the whole life of the job, so that a job on Kafka that fails
 * once a week would fail for good in its fourth week.
 *
 * <p>An instance numbers the failures of one run as Flink counts them, for the line said on each restart.
 */
public final class RestartBackoff {

    private static final double MULTIPLIER = 2.0;

    private final EarshotConfig.Recovery recovery;
    /** The restarts of the current row so far. */
    private int inRow;
    /** When the last restart of the row was due; a failure {@code resetAfter} after it starts a new row. */
    private Instant restartedAt;

    public RestartBackoff(EarshotConfig.Recovery recovery) {
        this.recovery = recovery;
    }

    /** Sets the restart strategy {@code recovery} describes in {@code flink}, and returns it. */
    public static Configuration configure(Configuration flink, EarshotConfig.Recovery recovery) {
        if (recovery.attempts() == 0) {
            // Flink's exponential delay needs an attempt; none is no restart strategy at all.
            flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            return flink;
        }
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, recovery.attempts());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, recovery.delay());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, recovery.longestDelay());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, MULTIPLIER);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, recovery.resetAfter());
        // One job restarting alone: no herd to spread out, and the waits stay those the README gives.
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.0);
        return flink;
    }

    /** The wait before restart {@code number} (from 1) of a row. */
    public static Duration delay(EarshotConfig.Recovery recovery, int number) {
        double millis = recovery.delay().toMillis() * Math.pow(MULTIPLIER, number - 1);
        return millis >= recovery.longestDelay().toMillis() ? recovery.longestDelay() : Duration.ofMillis((long) millis);
    }

    /** The sum of the waits of a whole row of restarts. */
    public static Duration totalDelay(EarshotConfig.Recovery recovery) {
        Duration total = Duration.ZERO;
        for (int number = 1; number <= recovery.attempts(); number++) {
            total = total.plus(delay(recovery, number));
        }
        return total;
    }

    /**
     * Which restart of its row the failure at {@code failedAt} is, as Flink counts: more than {@code attempts}
     * means the job fails for good. A failure while a restart is still due belongs to it.
     */
    public int restartNumber(Instant failedAt) {
        if (restartedAt != null && !failedAt.isAfter(restartedAt)) {
            return inRow;
        }
        if (restartedAt != null && !Duration.between(restartedAt, failedAt).minus(recovery.resetAfter()).isNegative()) {
            inRow = 0;
        }
        inRow++;
        restartedAt = failedAt.plus(delay(recovery, inRow));
        return inRow;
    }
}
