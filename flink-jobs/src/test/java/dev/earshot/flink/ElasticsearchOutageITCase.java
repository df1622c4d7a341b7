package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.elasticsearch.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Elasticsearch is away for less than the sink's default retries: the writers hold their documents and back off. */
class ElasticsearchOutageITCase extends ElasticsearchOutageRun {

    ElasticsearchOutageITCase() {
        // The default retries back off for about 80 s in all.
        super(RetryPolicy.defaults(), Duration.ofSeconds(10));
    }

    @Test
    void theJobRodeTheOutageOut() {
        assertThat(restarts).as("restarts").isZero();
    }
}
