package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.LocalPorts;
import dev.earshot.connectors.elasticsearch.EarshotIndices;
import dev.earshot.connectors.elasticsearch.ElasticsearchSettings;
import dev.earshot.connectors.elasticsearch.ElasticsearchSink;
import dev.earshot.connectors.elasticsearch.TestDocuments;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import dev.earshot.startup.ServiceChecks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code earshot local elasticsearch} in this JVM, on the zip the build fetched for the other integration tests: an
 * Elasticsearch that the configuration it writes passes run's start-up check for, and that Earshot's sink writes to.
 */
class LocalElasticsearchCommandITCase {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void runsAnElasticsearchThatEarshotsOutputWritesTo() throws Exception {
        // JUnit's folder is its owner's only; as root, Elasticsearch runs as another user, who must enter it.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = LocalPorts.free();
        String url = "http://localhost:" + port;
        RunningLocalService running = start(port);
        assertThat(running.output()).contains("Elasticsearch is ready at " + url,
                "./earshot run -c " + dir.resolve("earshot.yaml"), "elasticsearch: { url: " + url + " }", "no Kibana");

        HttpResponse<String> root = get(url + "/");
        assertThat(root.headers().firstValue("X-elastic-product")).contains("Elasticsearch");

        EarshotConfig config = ConfigLoader.load(dir.resolve("earshot.yaml"));
        assertThat(config.output().to()).contains("files", "elasticsearch");
        assertThat(ServiceChecks.check(config, ServiceChecks.TIMEOUT)).isEmpty();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(List.of(TestDocuments.alert("incident-1", AlertStatus.OPEN, 0)), JsonTypeInfo.of(Alert.class))
                .setParallelism(1)
                .sinkTo(new ElasticsearchSink<>(ElasticsearchSettings.defaults(config.elasticsearch().url()),
                        EarshotIndices.ALERTS, new JsonLinesFileSink<>(dir.resolve("refused"), "refused")))
                .setParallelism(1);
        env.execute("an alert to the local Elasticsearch");
        assertThat(get(url + "/_index_template/earshot-alerts").statusCode()).as("the sink installed its template").isEqualTo(200);
        get(url + "/earshot-alerts/_refresh");
        assertThat(Json.mapper().readTree(get(url + "/earshot-alerts/_count").body()).path("count").asLong()).isEqualTo(1);

        StringWriter secondErr = new StringWriter();
        CommandLine second = new CommandLine(new LocalElasticsearchCommand());
        second.setOut(new PrintWriter(new StringWriter(), true));
        second.setErr(new PrintWriter(secondErr, true));
        assertThat(second.execute("--port", String.valueOf(port), "--dir", dir.resolve("other").toString())).isEqualTo(1);
        assertThat(secondErr.toString()).contains("localhost:" + port + " is in use").doesNotContain("\tat ");
        assertThat(dir.resolve("other")).as("refused before anything was unpacked").doesNotExist();

        assertThat(running.stop()).isZero();
        assertThat(running.output()).contains("Elasticsearch stopped; its data stays in " + dir.resolve("data"));
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs the command on another thread and returns once it says Elasticsearch is ready. */
    private RunningLocalService start(int port) throws Exception {
        return RunningLocalService.start(new LocalElasticsearchCommand(), "Ctrl-C stops Elasticsearch",
                Duration.ofSeconds(150), "--port", String.valueOf(port), "--dir", dir.toString());
    }
}
