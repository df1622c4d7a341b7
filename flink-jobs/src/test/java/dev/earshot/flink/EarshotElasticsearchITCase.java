package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.cli.EarshotCli;
import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.elasticsearch.EarshotIndices;
import dev.earshot.connectors.elasticsearch.ElasticsearchSettings;
import dev.earshot.connectors.elasticsearch.ElasticsearchTestNode;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.sample.SampleScenario;
import dev.earshot.sample.SampleStreamGenerator;
import dev.earshot.sample.SampleStreamParams;
import dev.earshot.startup.ServiceChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole job on the bundled sample stream at parallelism 2 with its outputs in a real Elasticsearch: each
 * incident and each conversation is one document holding its latest version, and every window is one document.
 */
class EarshotElasticsearchITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path work;

    static ElasticsearchTestNode elasticsearch;
    static SampleScenario scenario;
    static JobExecutionResult result;

    @BeforeAll
    static void runTheBundledStreamIntoElasticsearch(@InjectMiniCluster MiniCluster cluster) throws Exception {
        elasticsearch = ElasticsearchTestNode.start();
        scenario = SampleStreamGenerator.generate(SampleStreamParams.defaults()).scenario();
        Path input = BundledSample.copyTo(work);
        // the extension's cluster: it is the context environment only inside each test
        StreamExecutionEnvironment env = new TestStreamEnvironment(cluster, 2);
        EarshotSinks sinks = ElasticsearchEarshotSinks.withDeadLettersIn(ElasticsearchSettings.defaults(elasticsearch.url()), work);
        new EarshotJob(EarshotConfig.defaults(), RecordSource.file(input, "sample"), sinks).build(env);

        result = env.execute("earshot to elasticsearch");
    }

    @AfterAll
    static void stopElasticsearch() throws Exception {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    @Test
    void theStartUpCheckRecognisesARealElasticsearch() {
        EarshotConfig config = ConfigLoader.parse("output: { to: [files, elasticsearch] }\nelasticsearch: { url: '"
                + elasticsearch.url() + "' }\n", "t");

        assertThat(ServiceChecks.check(config, ServiceChecks.TIMEOUT)).isEmpty();
    }

    @Test
    void eachIncidentIsOneDocumentEndingResolved() throws Exception {
        List<Alert> alerts = sources("earshot-alerts", Alert.class);

        assertThat(alerts).hasSize(scenario.incidents().stream().mapToInt(incident -> incident.expectedAlerts().size()).sum());
        assertThat(alerts).extracting(Alert::status).containsOnly(AlertStatus.RESOLVED);
        assertThat(alerts).extracting(alert -> alert.locationName()).contains("Bengaluru", "Mumbai");
    }

    @Test
    void eachVentingConversationIsOneTicketWithAllItsPosts() throws Exception {
        List<HandoffTicket> tickets = sources("earshot-tickets", HandoffTicket.class);

        assertThat(tickets).hasSize(scenario.ventingCustomers().size());
        for (SampleScenario.VentingCustomer customer : scenario.ventingCustomers()) {
            HandoffTicket ticket = tickets.stream().filter(t -> t.customer().id().equals(customer.authorId())).findFirst().orElseThrow();
            assertThat(ticket.posts()).extracting(TicketPost::id).containsExactlyElementsOf(customer.postIds());
        }
    }

    @Test
    void everyWindowIsOneDocumentInTheDailyIndexOfItsEnd() throws Exception {
        long windows = ((Number) result.getAllAccumulatorResults().get(Counters.WINDOW_STATS)).longValue();

        assertThat(elasticsearch.count("earshot-stats-*")).isEqualTo(windows);
        assertThat(elasticsearch.documents("earshot-stats-*")).allSatisfy(doc -> assertThat(doc.path("_index").asText())
                .isEqualTo("earshot-stats-" + doc.path("_source").path("windowEnd").asText().substring(0, 10).replace('-', '.')));
    }

    @Test
    void parseErrorsAreDeadLettersAndElasticsearchRefusedNothing() throws Exception {
        assertThat(Files.readAllLines(JsonLinesFileSink.fileOf(work, EarshotSinks.DEAD_LETTERS))).hasSize(scenario.malformedRecords());
        for (String output : List.of(EarshotSinks.ALERTS, EarshotSinks.TICKETS, EarshotSinks.STATS)) {
            assertThat(JsonLinesFileSink.fileOf(work, "refused-" + output)).isEmptyFile();
        }
    }

    @Test
    void esSetupInstallsEveryTemplate() throws Exception {
        elasticsearch.request("DELETE", "/_index_template/earshot-*", null);

        int exit = new CommandLine(new EarshotCli()).execute("es", "setup", "--url", elasticsearch.url());

        assertThat(exit).isZero();
        JsonNode templates = elasticsearch.request("GET", "/_index_template/earshot-*", null).path("index_templates");
        assertThat(templates).extracting(template -> template.path("name").asText())
                .containsExactlyInAnyOrderElementsOf(EarshotIndices.TEMPLATES);
    }

    private static <T> List<T> sources(String index, Class<T> type) throws Exception {
        return elasticsearch.documents(index).stream().map(doc -> Json.mapper().convertValue(doc.path("_source"), type)).toList();
    }
}
