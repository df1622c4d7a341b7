package dev.earshot.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.Post;
import dev.earshot.model.PostChange;
import dev.earshot.model.PostDeletion;
import dev.earshot.model.TopicLocationStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Elasticsearch sink in Flink jobs on a MiniCluster, against a real Elasticsearch node. */
class ElasticsearchSinkIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static ElasticsearchTestNode elasticsearch;

    @TempDir
    Path work;

    @BeforeAll
    static void startElasticsearch() throws Exception {
        elasticsearch = ElasticsearchTestNode.start();
        System.out.printf("Elasticsearch test node green in %.1f s%n", elasticsearch.startupTime().toMillis() / 1000.0);
    }

    @AfterAll
    static void stopElasticsearch() throws Exception {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    @BeforeEach
    void startFromNothing() throws Exception {
        elasticsearch.deleteIndices("earshot-*,it-*");
        elasticsearch.send("DELETE", "/_index_template/earshot-*", null);
    }

    @Test
    void theTemplatesAreInstalledBeforeTheFirstWrite() throws Exception {
        write(List.of(TestDocuments.alert("incident-1", AlertStatus.OPEN, 0)), Alert.class, EarshotIndices.ALERTS);

        JsonNode template = elasticsearch.request("GET", "/_index_template/earshot-alerts", null)
                .path("index_templates").path(0).path("index_template");
        assertThat(template.path("index_patterns").path(0).asText()).isEqualTo("earshot-alerts");
        JsonNode mapping = elasticsearch.request("GET", "/earshot-alerts/_mapping", null)
                .path("earshot-alerts").path("mappings");
        assertThat(mapping.path("dynamic").asText()).isEqualTo("false");
        assertThat(mapping.path("properties").path("severity").path("type").asText()).isEqualTo("integer");
        assertThat(mapping.path("properties").path("summary").path("fields").path("keyword").path("type").asText())
                .isEqualTo("keyword");
    }

    @Test
    void anIndexCreatedUnderAnOlderTemplateGetsTheFieldsTheNewOneMaps() throws Exception {
        JsonNode properties = propertiesAfterAnAlertTo("{\"dynamic\": false, \"properties\": {\"id\": {\"type\": \"keyword\"}}}");

        assertThat(properties.path("severity").path("type").asText()).isEqualTo("integer");
        assertThat(severityCount("[5 TO 5]")).as("the new field is searchable in the old index").isEqualTo(1);
    }

    @Test
    void anIndexWhoseMappingContradictsTheTemplateKeepsItAndStillTakesDocuments() throws Exception {
        JsonNode properties = propertiesAfterAnAlertTo("{\"properties\": {\"severity\": {\"type\": \"keyword\"}}}");

        assertThat(properties.path("severity").path("type").asText()).isEqualTo("keyword");
        assertThat(severityCount("5")).isEqualTo(1);
    }

    /** Creates the alerts index with these mappings, as an earlier release would have, then writes an alert. */
    private JsonNode propertiesAfterAnAlertTo(String existingMappings) throws Exception {
        elasticsearch.send("PUT", "/earshot-alerts", "{\"mappings\": " + existingMappings + "}");
        write(List.of(TestDocuments.alert("incident-1", AlertStatus.OPEN, 0)), Alert.class, EarshotIndices.ALERTS);
        return elasticsearch.request("GET", "/earshot-alerts/_mapping", null)
                .path("earshot-alerts").path("mappings").path("properties");
    }

    private long severityCount(String query) throws Exception {
        elasticsearch.send("POST", "/earshot-alerts/_refresh", null);
        return elasticsearch.request("GET", "/earshot-alerts/_count?q=severity:" + query.replace(" ", "%20"), null)
                .path("count").asLong();
    }

    @Test
    void anIncidentIsOneDocumentHoldingItsLatestVersion() throws Exception {
        List<Alert> versions = List.of(TestDocuments.alert("incident-1", AlertStatus.OPEN, 0),
                TestDocuments.alert("incident-2", AlertStatus.OPEN, 0),
                TestDocuments.alert("incident-1", AlertStatus.UPDATED, 1),
                TestDocuments.alert("incident-1", AlertStatus.UPDATED, 2),
                TestDocuments.alert("incident-1", AlertStatus.RESOLVED, 3));

        write(versions, Alert.class, EarshotIndices.ALERTS);

        List<JsonNode> documents = elasticsearch.documents("earshot-alerts");
        assertThat(documents).extracting(doc -> doc.path("_id").asText()).containsExactlyInAnyOrder("incident-1", "incident-2");
        JsonNode incident = documents.stream().filter(doc -> doc.path("_id").asText().equals("incident-1")).findFirst().orElseThrow();
        assertThat(Json.mapper().treeToValue(incident.path("_source"), Alert.class)).isEqualTo(versions.get(4));
    }

    @Test
    void anEditOverwritesItsPostAndADeletionRemovesItWhetherOrNotItsDayIsKnown() throws Exception {
        EnrichedPost kept = TestDocuments.post(0);
        EnrichedPost deletedKnownDay = TestDocuments.post(1);
        EnrichedPost deletedUnknownDay = TestDocuments.post(1250);
        write(List.of(PostChange.version(kept), PostChange.version(deletedKnownDay), PostChange.version(deletedUnknownDay)),
                PostChange.class, EarshotIndices.POST_CHANGES);
        assertThat(elasticsearch.documents("earshot-posts-*")).extracting(doc -> doc.path("_index").asText())
                .containsExactlyInAnyOrder("earshot-posts-2026.03.04", "earshot-posts-2026.03.04", "earshot-posts-2026.03.05");

        EnrichedPost edited = new EnrichedPost(withText(kept.post(), "Towed AGAIN near MG Road, second time today"),
                kept.sentiment(), kept.topics(), kept.location());
        EnrichedPost postedThenDeleted = TestDocuments.post(7);
        write(List.of(PostChange.version(edited),
                PostChange.deleted(PostDeletion.of(deletedKnownDay.post().id(), null, null).ofPostAt(deletedKnownDay.post().createdAt())),
                PostChange.deleted(PostDeletion.of(deletedUnknownDay.post().id(), null, null)),
                PostChange.version(postedThenDeleted),
                PostChange.deleted(PostDeletion.of(postedThenDeleted.post().id(), null, null).ofPostAt(postedThenDeleted.post().createdAt())),
                PostChange.deleted(PostDeletion.of("bluesky:never-seen", null, null)),
                PostChange.deleted(PostDeletion.of("bluesky:never-indexed", null, null).ofPostAt(TestDocuments.START.minusSeconds(86_400 * 30)))),
                PostChange.class, EarshotIndices.POST_CHANGES);

        List<JsonNode> documents = elasticsearch.documents("earshot-posts-*");
        assertThat(documents).extracting(doc -> doc.path("_id").asText()).containsExactly(kept.post().id());
        assertThat(Json.mapper().treeToValue(documents.get(0).path("_source"), EnrichedPost.class)).isEqualTo(edited);
        assertThat(JsonLinesFileSink.fileOf(work, "refused")).as("deleting what is not there is no refusal").isEmptyFile();
        String editedSince = "{\"query\": {\"range\": {\"post.editedAt\": {\"gte\": \"" + kept.post().createdAt() + "\"}}}}";
        assertThat(elasticsearch.request("POST", "/earshot-posts-*/_count", editedSince).path("count").asLong())
                .as("the edit time is mapped as a date, so Kibana can filter on it").isEqualTo(1);
    }

    /** The post, edited an hour after it was written. */
    private static Post withText(Post p, String text) {
        return new Post(p.id(), p.source(), p.createdAt(), text, p.lang(), p.author(), p.geo(), p.place(),
                p.conversationId(), p.replyToId(), p.replyToHandle(), p.url(), p.hashtags(), p.mentions(),
                p.createdAt().plusSeconds(3600));
    }

    @Test
    void aReplayOverwritesAndNeverDuplicates() throws Exception {
        List<EnrichedPost> posts = IntStream.range(0, 1500).mapToObj(TestDocuments::post).toList();
        List<TopicLocationStats> stats = IntStream.range(0, 60).mapToObj(TestDocuments::stats).toList();
        // Small batches, so that the posts take many concurrent bulk requests.
        ElasticsearchSettings settings = settings().withBatches(100, 1 << 20, Duration.ofMillis(200), 2);

        for (int run = 0; run < 2; run++) {
            write(posts, EnrichedPost.class, EarshotIndices.POSTS, settings);
            write(stats, TopicLocationStats.class, EarshotIndices.STATS, settings);
        }

        assertThat(elasticsearch.documents("earshot-posts-*")).hasSize(1500)
                .extracting(doc -> doc.path("_index").asText()).containsOnly("earshot-posts-2026.03.04", "earshot-posts-2026.03.05");
        assertThat(elasticsearch.documents("earshot-stats-*")).hasSize(60);
        JsonNode post = elasticsearch.request("GET", "/earshot-posts-2026.03.04/_doc/bluesky:post3", null);
        assertThat(Json.mapper().treeToValue(post.path("_source"), EnrichedPost.class)).isEqualTo(TestDocuments.post(3));
    }

    @Test
    void aDocumentElasticsearchRefusesIsADeadLetterWithTheReasonAndTheOthersAreWritten() throws Exception {
        // An index whose mapping disagrees with the alert's: its summary is text, not a number.
        elasticsearch.request("PUT", "/it-refusing-alerts", "{\"mappings\": {\"properties\": {\"summary\": {\"type\": \"long\"}}}}");
        IndexRoute<Alert> refusing = new IndexRoute<>("earshot-alerts", alert -> "it-refusing-alerts", Alert::id, WriteMode.UPSERT);
        Alert refused = TestDocuments.alert("incident-1", AlertStatus.OPEN, 0);
        Alert withoutSummary = withSummary(TestDocuments.alert("incident-2", AlertStatus.OPEN, 0), null);

        write(List.of(refused, withoutSummary), Alert.class, refusing);

        List<DeadLetter> deadLetters = Files.readAllLines(JsonLinesFileSink.fileOf(work, "refused")).stream()
                .map(line -> Json.read(line, DeadLetter.class)).toList();
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(Json.read(letter.raw(), Alert.class)).isEqualTo(refused);
            assertThat(letter.reason()).startsWith("Elasticsearch refused the document (HTTP 400) document_parsing_exception")
                    .contains("failed to parse field [summary] of type [long]");
            assertThat(letter.stage()).isEqualTo("elasticsearch");
            assertThat(letter.origin()).isEqualTo("elasticsearch it-refusing-alerts/incident-1");
        });
        assertThat(elasticsearch.documents("it-refusing-alerts")).extracting(doc -> doc.path("_id").asText())
                .containsExactly("incident-2");
    }

    @Test
    void documentsRejectedWithTooManyRequestsAreRetriedUntilElasticsearchTakesThem() throws Exception {
        String index = "earshot-stats-2026.03.04";
        List<TopicLocationStats> stats = IntStream.range(0, 30).mapToObj(TestDocuments::stats).toList();
        JobClient job = writeWhileBlocked(index, stats);
        List<JsonNode> writtenWhileBlocked = elasticsearch.documents(index);
        if (!blocked(index)) {
            // A node whose disk threshold is off lifts every such block once, at its first disk check (up to 30 s
            // after it starts), and that lifted ours: run again, as it never happens twice.
            job.getJobExecutionResult().get();
            elasticsearch.request("DELETE", "/" + index, null);
            job = writeWhileBlocked(index, stats);
            writtenWhileBlocked = elasticsearch.documents(index);
            assertThat(blocked(index)).as("the block is still in place").isTrue();
        }
        assertThat(writtenWhileBlocked).as("nothing is written while the index is blocked").isEmpty();
        elasticsearch.request("PUT", "/" + index + "/_settings", "{\"index.blocks.read_only_allow_delete\": null}");
        job.getJobExecutionResult().get();

        assertThat(elasticsearch.documents(index)).hasSize(stats.size());
        assertThat(JsonLinesFileSink.fileOf(work, "refused")).isEmptyFile();
    }

    /** Under the flood-stage disk block, Elasticsearch answers 429 to every write until the block is lifted. */
    private JobClient writeWhileBlocked(String index, List<TopicLocationStats> stats) throws Exception {
        elasticsearch.request("PUT", "/" + index, null);
        elasticsearch.request("PUT", "/" + index + "/_settings", "{\"index.blocks.read_only_allow_delete\": true}");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(stats, JsonTypeInfo.of(TopicLocationStats.class)).setParallelism(1)
                .sinkTo(new ElasticsearchSink<>(settings(), EarshotIndices.STATS, refusedSink())).setParallelism(1);
        JobClient job = env.executeAsync("blocked index");
        Thread.sleep(2000);
        return job;
    }

    private boolean blocked(String index) throws Exception {
        return elasticsearch.request("GET", "/" + index + "/_settings", null)
                .path(index).path("settings").path("index").path("blocks").path("read_only_allow_delete").asText().equals("true");
    }

    @Test
    void whenRetriesAreSpentTheJobFailsWithTheReason() throws Exception {
        ElasticsearchSettings unreachable = new ElasticsearchSettings("http://127.0.0.1:1", 10, 1 << 20, Duration.ofMillis(100), 1,
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)), false);

        assertThatThrownBy(() -> write(List.of(TestDocuments.stats(0)), TopicLocationStats.class, EarshotIndices.STATS, unreachable))
                .rootCause().hasMessageContaining("did not take document earshot-stats-2026.03.04/parking|geonames:1277333")
                .hasMessageContaining("after 3 tries");
    }

    private ElasticsearchSettings settings() {
        return ElasticsearchSettings.defaults(elasticsearch.url())
                .withRetry(new RetryPolicy(20, Duration.ofMillis(50), Duration.ofMillis(500)));
    }

    private JsonLinesFileSink<DeadLetter> refusedSink() {
        return new JsonLinesFileSink<>(work, "refused");
    }

    private <T> void write(List<T> values, Class<T> type, IndexRoute<T> route) throws Exception {
        write(values, type, route, settings());
    }

    private <T> void write(List<T> values, Class<T> type, IndexRoute<T> route, ElasticsearchSettings settings) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(values, JsonTypeInfo.of(type)).setParallelism(1)
                .sinkTo(new ElasticsearchSink<>(settings, route, refusedSink())).setParallelism(1);
        env.execute("write " + type.getSimpleName());
    }

    private static Alert withSummary(Alert alert, String summary) {
        return new Alert(alert.id(), alert.kind(), alert.status(), alert.topic(), alert.locationId(), alert.locationName(),
                alert.windowStart(), alert.windowEnd(), alert.openedAt(), alert.observed(), alert.expected(), alert.ratio(),
                alert.ratioLower(), alert.statistic(), alert.posts(), alert.severity(), alert.evidencePostIds(), summary);
    }
}
