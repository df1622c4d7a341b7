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

    /** 17.75 s of retries: 0.25 s, 0.5 s, ... up to 5 s. */
    private static final RetryPolicy RETRIES = new RetryPolicy(7, Duration.ofMillis(250), Duration.ofSeconds(5));
    private static final EarshotConfig.Recovery RECOVERY = new EarshotConfig.Recovery(3, Duration.ofSeconds(1),
            Duration.ofSeconds(4), Duration.ofMinutes(10));

    ElasticsearchFailoverITCase() {
        super(RETRIES, Duration.ofSeconds(32), RECOVERY);
    }

    @Test
    void elasticsearchWasAwayLongerThanRetriesAndRestartsThatFailAtOnceLast() {
        // What a job whose restarts failed at once on the missing Elasticsearch outlasted, even at the longest delay.
        Duration oldBound = RETRIES.totalBackoff().plus(RECOVERY.maxDelay().multipliedBy(RECOVERY.attempts()));
        assertThat(away).isGreaterThan(oldBound);
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
