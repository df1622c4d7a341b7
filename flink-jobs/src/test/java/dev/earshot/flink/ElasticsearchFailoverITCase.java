package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.elasticsearch.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch is away for longer than the sink's retries: the job fails over while Elasticsearch is still away,
 * keeps restarting from its last checkpoint until it is back, and then writes everything.
 */
class ElasticsearchFailoverITCase extends ElasticsearchOutageRun {

    ElasticsearchFailoverITCase() {
        super(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(200)), Duration.ofSeconds(15));
    }

    @Test
    void theJobFailedOverWhileElasticsearchWasAway() {
        assertThat(restarts).as("restarts").isPositive();
    }

    @Test
    void theSummaryCountsTheRestarts() {
        assertThat(restartsCounted).as("the restarts accumulator, which the run summary reports").isEqualTo(restarts);
    }
}
