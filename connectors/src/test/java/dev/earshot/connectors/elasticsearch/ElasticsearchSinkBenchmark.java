package dev.earshot.connectors.elasticsearch;

import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.EnrichedPost;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * Prints the Elasticsearch test node's start-up time and the sink writer's throughput (medians), with the
 * default settings (1,000 documents or 5 MB per request, two requests in flight). Run after {@code ./mvnw verify}
 * (which unpacks Elasticsearch and builds the classpath):
 *
 * <pre>
 * ./mvnw -q -pl connectors -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Dearshot.test.elasticsearch.home=connectors/target/elasticsearch-8.19.21 \
 *   -cp connectors/target/test-classes:connectors/target/classes:$(cat connectors/target/test-classpath.txt) \
 *   dev.earshot.connectors.elasticsearch.ElasticsearchSinkBenchmark [documents per round, 20000] [rounds, 5] [start-ups, 3]
 * </pre>
 */
public final class ElasticsearchSinkBenchmark {

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int startups = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        List<EnrichedPost> posts = IntStream.range(0, documents).mapToObj(TestDocuments::post).toList();
        List<Alert> alerts = IntStream.range(0, documents).mapToObj(n -> TestDocuments.alert("incident-" + n, AlertStatus.OPEN, n % 8)).toList();
        System.out.printf("documents: posts ~%d bytes, alerts ~%d bytes of JSON%n",
                Json.write(posts.get(0)).length(), Json.write(alerts.get(0)).length());

        List<Double> startSeconds = new ArrayList<>();
        for (int i = 1; i < startups; i++) {
            try (ElasticsearchTestNode node = ElasticsearchTestNode.start()) {
                startSeconds.add(node.startupTime().toMillis() / 1000.0);
            }
        }
        try (ElasticsearchTestNode node = ElasticsearchTestNode.start()) {
            startSeconds.add(node.startupTime().toMillis() / 1000.0);
            System.out.printf("Elasticsearch test node start-up to green: median %.1f s %s%n", median(startSeconds), startSeconds);
            report("posts (index)", node, EarshotIndices.POSTS, posts, rounds);
            report("alerts (upsert)", node, EarshotIndices.ALERTS, alerts, rounds);
        }
    }

    private static <T> void report(String what, ElasticsearchTestNode node, IndexRoute<T> route, List<T> values, int rounds)
            throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            node.deleteIndices("earshot-*");
            rates.add(docsPerSecond(node, route, values));
        }
        long stored = node.count(route.template() + "*");
        System.out.printf("%-16s %,d documents per round: median %,.0f docs/s over %d rounds %s (stored: %,d)%n", what,
                values.size(), median(rates), rounds, rates.stream().map(r -> String.format("%,.0f", r)).toList(), stored);
    }

    private static <T> double docsPerSecond(ElasticsearchTestNode node, IndexRoute<T> route, List<T> values) throws Exception {
        try (ElasticsearchSinkWriter<T> writer = ElasticsearchSinkWriter.open(
                ElasticsearchSettings.defaults(node.url()), route, new NoRefusals(), UnregisteredMetricsGroup.createSinkWriterMetricGroup())) {
            long start = System.nanoTime();
            for (T value : values) {
                writer.write(value, null);
            }
            writer.flush(true);
            return values.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** The benchmark's documents all fit their mappings; a refusal is a bug. */
    private static final class NoRefusals implements SinkWriter<DeadLetter> {

        @Override
        public void write(DeadLetter letter, Context context) throws IOException {
            throw new IOException("Elasticsearch refused a benchmark document: " + letter.reason());
        }

        @Override
        public void flush(boolean endOfInput) {
        }

        @Override
        public void close() {
        }
    }
}
