package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.elasticsearch.ElasticsearchSettings;
import dev.earshot.connectors.elasticsearch.ElasticsearchTestNode;
import dev.earshot.connectors.elasticsearch.RetryPolicy;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TopicLocationStats;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elasticsearch goes away in the middle of a run and comes back. The sink's retries are kept short here so that the
 * outage outlasts them: the job fails, Flink restarts it from its last checkpoint until Elasticsearch answers again,
 * and the run ends with every document that the same run wrote to files, each once, in its latest version.
 */
class ElasticsearchOutageITCase {

    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path work;

    static ElasticsearchTestNode elasticsearch;
    static Path files;

    @BeforeAll
    static void runTheSampleWhileElasticsearchGoesAwayAndComesBack() throws Exception {
        elasticsearch = ElasticsearchTestNode.start();
        Path input = work.resolve("posts.jsonl.gz");
        try (InputStream sample = ElasticsearchOutageITCase.class.getResourceAsStream("/sample/posts.jsonl.gz")) {
            Files.copy(sample, input);
        }
        files = work.resolve("files");
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(restarts);
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        ElasticsearchSettings impatient = ElasticsearchSettings.defaults(elasticsearch.url())
                .withRetry(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(200)));
        new EarshotJob(EarshotConfig.defaults(), RecordSource.file(input, "sample"), List.of(
                EarshotSinks.jsonLines(files),
                ElasticsearchEarshotSinks.withDeadLettersIn(impatient, work.resolve("refused")))).build(env);

        JobClient job = env.executeAsync("earshot while elasticsearch restarts");
        while (elasticsearch.count("earshot-stats-*") == 0) {
            Thread.sleep(200);
        }
        long down = System.nanoTime();
        elasticsearch.stop();
        Thread.sleep(OUTAGE.toMillis());
        elasticsearch.restart();
        System.out.printf("Elasticsearch was away for %.1f s (%d s stopped, then %.1f s to green)%n",
                (System.nanoTime() - down) / 1e9, OUTAGE.toSeconds(), elasticsearch.startupTime().toMillis() / 1e3);
        // Throws, failing every test, unless the job recovered and finished.
        job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
    }

    @AfterAll
    static void stopElasticsearch() throws Exception {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    @Test
    void everyWindowWrittenToFilesIsInElasticsearchOnce() throws Exception {
        Map<String, TopicLocationStats> windows = latestById(EarshotSinks.STATS, TopicLocationStats.class,
                s -> s.topic() + "|" + s.locationId() + "|" + s.windowStart() + "|" + s.windowEnd());

        assertThat(windows).isNotEmpty();
        assertThat(elasticsearch.count("earshot-stats-*")).isEqualTo(windows.size());
    }

    @Test
    void everyAlertAndTicketIsInElasticsearchInItsLatestVersion() throws Exception {
        Map<String, Alert> alerts = latestById(EarshotSinks.ALERTS, Alert.class, Alert::id);
        Map<String, HandoffTicket> tickets = latestById(EarshotSinks.TICKETS, HandoffTicket.class, HandoffTicket::id);

        assertThat(alerts).isNotEmpty();
        assertThat(tickets).isNotEmpty();
        assertThat(sources("earshot-alerts", Alert.class)).containsExactlyInAnyOrderElementsOf(alerts.values());
        assertThat(sources("earshot-tickets", HandoffTicket.class)).containsExactlyInAnyOrderElementsOf(tickets.values());
    }

    /** The last line of each id in an output file: the files may repeat lines written after the last checkpoint. */
    private static <T> Map<String, T> latestById(String output, Class<T> type, Function<T, String> id) throws Exception {
        return Files.readAllLines(JsonLinesFileSink.fileOf(files, output)).stream()
                .map(line -> Json.read(line, type))
                .collect(Collectors.toMap(id, value -> value, (earlier, later) -> later, LinkedHashMap::new));
    }

    private static <T> List<T> sources(String index, Class<T> type) throws Exception {
        List<JsonNode> documents = elasticsearch.documents(index);
        return documents.stream().map(doc -> Json.mapper().convertValue(doc.path("_source"), type)).toList();
    }
}
