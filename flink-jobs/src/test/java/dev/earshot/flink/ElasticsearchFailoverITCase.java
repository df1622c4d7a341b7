package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.elasticsearch.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch is away for longer than the sink's retries plus restarts that fail at once: the job fails over while
 * Elasticsearch is still away, and restarts as {@code earshot run} configures it ({@code recovery}, scaled down), each
 * restart's writers waiting for Elasticsearch with the sink's back-off, until it is back; then it writes everything.
 */
class ElasticsearchFailoverITCase extends ElasticsearchOutageRun {

    /** 10.2 s of retries: 0.2 s, 0.4 s, 0.8 s, 1.6 s, 3.2 s, 4 s. */
    private static final RetryPolicy RETRIES = new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(4));
    /** Restarts 1, 2, 4, 4 and 4 s after the failures: 15 s in all, each followed by up to 10.2 s of waiting. */
    private static final EarshotConfig.Recovery RECOVERY = new EarshotConfig.Recovery(5, Duration.ofSeconds(1),
            Duration.ofSeconds(4), Duration.ofMinutes(10));

    ElasticsearchFailoverITCase() {
        super(RETRIES, Duration.ofSeconds(26), RECOVERY);
    }

    @Test
    void elasticsearchWasAwayLongerThanRetriesAndRestartsThatFailAtOnceLast() {
        // What the job outlasted before its writers waited on a restart (25.2 s here), even with these growing delays.
        assertThat(away).isGreaterThan(RETRIES.totalBackoff().plus(RestartBackoff.totalDelay(RECOVERY)));
    }

    @Test
    void theJobFailedOverWhileElasticsearchWasAway() {
        assertThat(restarts).as("restarts").isBetween(1L, (long) RECOVERY.attempts());
    }

    @Test
    void theSummaryCountsTheRestarts() {
        assertThat(restartsCounted).as("the restarts accumulator, which the run summary reports").isEqualTo(restarts);
    }
}
