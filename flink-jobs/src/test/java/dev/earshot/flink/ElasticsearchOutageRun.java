package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.elasticsearch.ElasticsearchSettings;
import dev.earshot.connectors.elasticsearch.ElasticsearchTestNode;
import dev.earshot.connectors.elasticsearch.RetryPolicy;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TopicLocationStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run of the bundled sample to files and Elasticsearch, with Elasticsearch stopped in the middle of it for
 * {@code outage} and then restarted on the same port and data. The run must end with every document that the same
 * run wrote to files in Elasticsearch, each once, in its latest version, and none refused. The subclasses say
 * whether the sink's retries outlast the outage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ElasticsearchOutageRun {

    /** Keeps the job's metrics after it ends: its restart count says whether it failed over. One per run. */
    private final InMemoryReporter metrics = InMemoryReporter.createWithRetainedMetrics();

    private final RetryPolicy retries;
    private final Duration outage;
    private final EarshotConfig.Recovery recovery;
    /** From stopping Elasticsearch until it was green again. */
    Duration away;
    private ElasticsearchTestNode elasticsearch;
    private Path files;
    /** How often the job restarted from a checkpoint. */
    long restarts;
    /** What the run summary reports as restarts: the attempt number the job finished in. */
    long restartsCounted;

    ElasticsearchOutageRun(RetryPolicy retries, Duration outage) {
        this(retries, outage, null);
    }

    /** @param recovery how the job restarts, as {@code earshot run} configures it; null for 100 restarts a second apart */
    ElasticsearchOutageRun(RetryPolicy retries, Duration outage, EarshotConfig.Recovery recovery) {
        this.retries = retries;
        this.outage = outage;
        this.recovery = recovery;
    }

    @BeforeAll
    void runTheSampleWhileElasticsearchGoesAwayAndComesBack(@TempDir Path work) throws Exception {
        elasticsearch = ElasticsearchTestNode.start();
        Path input = BundledSample.copyTo(work);
        files = work.resolve("files");
        Configuration cluster = metrics.addToConfiguration(new Configuration());
        StreamExecutionEnvironment env = recovery == null ? OutageRuns.restartingEnvironment(cluster)
                : OutageRuns.environment(RestartBackoff.configure(cluster, recovery));
        ElasticsearchSettings settings = ElasticsearchSettings.defaults(elasticsearch.url()).withRetry(retries);
        new EarshotJob(EarshotConfig.defaults(), RecordSource.file(input, "sample"), List.of(
                EarshotSinks.jsonLines(files),
                ElasticsearchEarshotSinks.withDeadLettersIn(settings, work.resolve("refused")))).build(env);

        JobClient job = env.executeAsync("earshot while elasticsearch restarts");
        while (!aWindowIsIndexed()) {
            Thread.sleep(200);
        }
        long down = System.nanoTime();
        elasticsearch.stop();
        Thread.sleep(outage.toMillis());
        elasticsearch.restart();
        away = Duration.ofNanos(System.nanoTime() - down);
        System.out.printf("Elasticsearch was away for %.1f s (%d s stopped, then %.1f s to green)%n",
                away.toMillis() / 1e3, outage.toSeconds(), elasticsearch.startupTime().toMillis() / 1e3);
        // Throws, failing every test, unless the job recovered and finished.
        restartsCounted = OutageRuns.awaitResult(job, Duration.ofMinutes(5)).<Long>getAccumulatorResult(Counters.RESTARTS);
        restarts = metrics.findJobMetricGroups(job.getJobID(), "numRestarts").stream()
                .mapToLong(metric -> ((Gauge<?>) metric.f2).getValue() instanceof Number n ? n.longValue() : 0)
                .max().orElseThrow(() -> new AssertionError("the job has no numRestarts metric"));
        System.out.printf("The job restarted %d times from its checkpoints%n", restarts);
    }

    @Test
    void everyWindowWrittenToFilesIsInElasticsearchOnce() throws Exception {
        Map<String, TopicLocationStats> windows = OutageRuns.latestInFile(files, EarshotSinks.STATS, TopicLocationStats.class,
                s -> s.topic() + "|" + s.locationId() + "|" + s.windowStart() + "|" + s.windowEnd());

        assertThat(windows).isNotEmpty();
        assertThat(elasticsearch.count("earshot-stats-*")).isEqualTo(windows.size());
    }

    @Test
    void everyAlertAndTicketIsInElasticsearchInItsLatestVersion() throws Exception {
        Map<String, Alert> alerts = OutageRuns.latestInFile(files, EarshotSinks.ALERTS, Alert.class, Alert::id);
        Map<String, HandoffTicket> tickets = OutageRuns.latestInFile(files, EarshotSinks.TICKETS, HandoffTicket.class, HandoffTicket::id);

        assertThat(alerts).isNotEmpty();
        assertThat(tickets).isNotEmpty();
        assertThat(sources("earshot-alerts", Alert.class)).containsExactlyInAnyOrderElementsOf(alerts.values());
        assertThat(sources("earshot-tickets", HandoffTicket.class)).containsExactlyInAnyOrderElementsOf(tickets.values());
    }

    @Test
    void elasticsearchRefusedNoDocument() throws IOException {
        try (Stream<Path> outputs = Files.list(files.resolveSibling("refused"))) {
            List<String> refused = outputs.filter(file -> file.getFileName().toString().startsWith("refused-"))
                    .flatMap(ElasticsearchOutageRun::lines).toList();
            assertThat(refused).isEmpty();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopElasticsearch() throws Exception {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    private boolean aWindowIsIndexed() throws InterruptedException {
        try {
            return elasticsearch.count("earshot-stats-*") > 0;
        } catch (IOException shardNotStartedYet) {
            // An index that is being created answers 503 until its shard has started.
            return false;
        }
    }

    private <T> List<T> sources(String index, Class<T> type) throws Exception {
        List<JsonNode> documents = elasticsearch.documents(index);
        return documents.stream().map(doc -> Json.mapper().convertValue(doc.path("_source"), type)).toList();
    }
}
