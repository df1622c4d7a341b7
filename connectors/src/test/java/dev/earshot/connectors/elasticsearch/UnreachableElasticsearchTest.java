package dev.earshot.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.earshot.connectors.LocalPorts;
import dev.earshot.connectors.SinkContexts;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.TopicLocationStats;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/**
 * A writer whose Elasticsearch refuses every connection answers for every document, with a failure once its retries
 * are spent, however its sends and the HTTP client's connection failures interleave: it never hangs.
 */
class UnreachableElasticsearchTest {

    @Test
    void aWriterThatCannotConnectFailsWithTheReasonInsteadOfHanging() throws Exception {
        // One document a request, a flush every millisecond and quick retries: thousands of sends, each racing the
        // failure of its connection attempt.
        ElasticsearchSettings settings = new ElasticsearchSettings("http://127.0.0.1:" + LocalPorts.free(), 1, 1 << 20,
                Duration.ofMillis(1), 2, new RetryPolicy(20, Duration.ofMillis(1), Duration.ofMillis(2)), false);
        ElasticsearchSinkWriter<TopicLocationStats> writer = ElasticsearchSinkWriter.open(settings, EarshotIndices.STATS,
                new NoDeadLetters(), UnregisteredMetricsGroup.createSinkWriterMetricGroup());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 300; i++) {
                    writer.write(TestDocuments.stats(i), SinkContexts.NONE);
                }
                writer.flush(false);
            }).isInstanceOf(IOException.class).hasMessageContaining("did not take document earshot-stats-")
                    .hasMessageContaining("after 21 tries: java.net.ConnectException: Connection refused");
        }, "the writer hung: a send and a connection failure deadlocked");
        // Not in a finally: closing a deadlocked writer would hang the test run too.
        writer.close();
    }

    /** A port nothing listens on: connecting to it is refused at once. */
    private static final class NoDeadLetters implements SinkWriter<DeadLetter> {

        @Override
        public void write(DeadLetter letter, Context context) {
            throw new AssertionError("nothing was refused by Elasticsearch, it was unreachable: " + letter);
        }

        @Override
        public void flush(boolean endOfInput) {
        }

        @Override
        public void close() {
        }
    }
}
