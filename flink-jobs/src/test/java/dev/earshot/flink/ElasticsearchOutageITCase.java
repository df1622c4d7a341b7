package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.elasticsearch.ElasticsearchSettings;
import dev.earshot.connectors.elasticsearch.ElasticsearchTestNode;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TopicLocationStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Elasticsearch goes away in the middle of a run and comes back within the sink's default retries (about a minute):
 * the writers hold their documents and back off, and the run ends with every document that the same run wrote to
 * files, each once, in its latest version. (An outage longer than the retries fails the job over while Elasticsearch
 * is still away; that path is not tested here, see the README.)
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
        Path input = BundledSample.copyTo(work);
        files = work.resolve("files");
        StreamExecutionEnvironment env = OutageRuns.restartingEnvironment();
        new EarshotJob(EarshotConfig.defaults(), RecordSource.file(input, "sample"), List.of(
                EarshotSinks.jsonLines(files),
                ElasticsearchEarshotSinks.withDeadLettersIn(ElasticsearchSettings.defaults(elasticsearch.url()), work.resolve("refused")))).build(env);

        JobClient job = env.executeAsync("earshot while elasticsearch restarts");
        while (!aWindowIsIndexed()) {
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

    private static boolean aWindowIsIndexed() throws InterruptedException {
        try {
            return elasticsearch.count("earshot-stats-*") > 0;
        } catch (IOException shardNotStartedYet) {
            // An index that is being created answers 503 until its shard has started.
            return false;
        }
    }

    private static <T> List<T> sources(String index, Class<T> type) throws Exception {
        List<JsonNode> documents = elasticsearch.documents(index);
        return documents.stream().map(doc -> Json.mapper().convertValue(doc.path("_source"), type)).toList();
    }
}
