package dev.earshot.connectors.elasticsearch;

import dev.earshot.model.DeadLetter;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes values to Elasticsearch as canonical JSON documents, in bulk requests, at least once: every checkpoint
 * waits until Elasticsearch has answered for every document written before it. Deterministic ids (see
 * {@link IndexRoute}) turn the repeats of a replay into overwrites, so the indices never hold duplicates.
 *
 * <ul>
 *   <li>Batching, concurrency and back-pressure are elasticsearch-java's {@code BulkIngester}.</li>
 *   <li>A document refused for a transient reason (429, 502-504, or no answer at all) is sent again after a
 *       back-off ({@link RetryPolicy}); when the retries are spent the job fails, and Flink restarts it from its
 *       last checkpoint, so nothing is lost.</li>
 *   <li>A document Elasticsearch refuses for good (a mapping error, 400) goes to the {@code refused} sink as a
 *       {@link DeadLetter} with Elasticsearch's reason, and the job goes on.</li>
 *   <li>Versions of one {@code _id} are written in the order they arrive, one at a time: while one is in flight,
 *       only the newest waiting version is kept. So the latest version wins, also across retries.</li>
 *   <li>A route may say a value deletes its {@code _id} ({@link IndexRoute#deletes()}): a deletion is one more
 *       version of the document, so it wins over the versions before it. When the route does not know the index,
 *       the writer looks the id up in the route's {@code template-*} indices (a batch of ids per search) and deletes
 *       each document found.</li>
 * </ul>
 *
 * <p>Versions of one {@code _id} must reach the same writer in order: run an {@link WriteMode#UPSERT} route at
 * parallelism 1 (as {@code EarshotJob} runs its sinks), or key its stream by {@code _id}. Metrics per writer:
 * {@code elasticsearchDocumentsWritten}, {@code elasticsearchDocumentsDeleted}, {@code elasticsearchDocumentsRefused},
 * {@code elasticsearchRetries}.
 *
 * <p>The refused sink's writer runs inside this sink's writer; it gets {@code write}, {@code flush} and
 * {@code close}, so it must be a sink without a committer, such as a file sink or an at-least-once Kafka sink.
 *
 * <pre>{@code
 * alerts.sinkTo(new ElasticsearchSink<>(ElasticsearchSettings.defaults("http://localhost:9200"),
 *         EarshotIndices.ALERTS, new JsonLinesFileSink<>(dir, "refused-alerts")));
 * }</pre>
 */
public final class ElasticsearchSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final ElasticsearchSettings settings;
    private final IndexRoute<T> route;
    private final Sink<DeadLetter> refused;

    public ElasticsearchSink(ElasticsearchSettings settings, IndexRoute<T> route, Sink<DeadLetter> refused) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.route = Objects.requireNonNull(route, "route");
        this.refused = Objects.requireNonNull(refused, "refused");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return ElasticsearchSinkWriter.open(settings, route, refused.createWriter(context), context.metricGroup());
    }
}
