package dev.earshot.connectors.elasticsearch;

import dev.earshot.connectors.LocalPorts;
import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real single-node Elasticsearch for integration tests: {@link LocalElasticsearch} on the minimal distribution
 * ({@code org.elasticsearch.distribution.integ-test-zip}) that the build unpacks in {@code pre-integration-test}
 * (its directory is the system property {@value #HOME_PROPERTY}). It listens on 127.0.0.1 on a free port and keeps
 * its data and logs in a fresh directory under {@code target/}. As root it runs as {@value LocalElasticsearch#USER};
 * when that user cannot reach {@code target/} (a checkout under {@code /root}), the node runs from a copy of the
 * distribution in the temp directory. Start one per test class; {@link #close()} stops its process tree (and a
 * shutdown hook does, should the JVM end first).
 *
 * <p>The minimal distribution has no scripting, no ingest pipelines and no language analyzers, and answers
 * {@code GET /} with 405; health is {@code _cluster/health}.
 */
public final class ElasticsearchTestNode implements AutoCloseable {

    public static final String HOME_PROPERTY = "earshot.test.elasticsearch.home";

    private final LocalElasticsearch node;
    /** A copy of the distribution made for this node, removed when it stops; null when it runs from target/. */
    private final Path copy;
    private final HttpClient http = HttpClient.newHttpClient();

    private ElasticsearchTestNode(LocalElasticsearch node, Path copy) {
        this.node = node;
        this.copy = copy;
    }

    /** Starts a node and returns once its cluster is green. */
    public static ElasticsearchTestNode start() throws IOException, InterruptedException {
        String homeProperty = System.getProperty(HOME_PROPERTY);
        if (homeProperty == null || !Files.isDirectory(Path.of(homeProperty))) {
            throw new IllegalStateException("no Elasticsearch distribution at " + HOME_PROPERTY + "=" + homeProperty
                    + ": run the integration tests through Maven (`./mvnw verify`), which unpacks it before them");
        }
        Path home = Path.of(homeProperty).toAbsolutePath();
        Path base = home.getParent();
        Path copy = null;
        if (!LocalElasticsearch.userCanReach(home)) {
            // E.g. a checkout under /root: the user cannot reach target/, so it runs from a copy in the temp dir.
            copy = Files.createTempDirectory("earshot-elasticsearch-");
            LocalElasticsearch.run("chmod", "755", copy.toString());
            LocalElasticsearch.run("cp", "-a", home.toString(), copy.toString());
            base = copy;
            home = copy.resolve(home.getFileName());
        }
        Path runDir = Files.createTempDirectory(base, "elasticsearch-run-");
        try {
            return new ElasticsearchTestNode(LocalElasticsearch.start(home, runDir, "127.0.0.1", LocalPorts.free(), List.of(
                    // Tests fill small disks too: no read-only blocks from the disk watermarks.
                    "cluster.routing.allocation.disk.threshold_enabled=false",
                    // Tests start from nothing by deleting indices by pattern.
                    "action.destructive_requires_name=false")), copy);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (copy != null) {
                LocalElasticsearch.run("rm", "-rf", copy.toString());
            }
            throw e;
        }
    }

    public String url() {
        return node.url();
    }

    /** From launching the process until the cluster was green. */
    public Duration startupTime() {
        return node.startUp();
    }

    /** Sends a request with an optional JSON body and returns the JSON answer; fails on any status >= 300. */
    public JsonNode request(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    public HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Makes every written document searchable, then returns the documents of {@code index} (a name or pattern), at most 10,000. */
    public List<JsonNode> documents(String index) throws IOException, InterruptedException {
        request("POST", "/" + index + "/_refresh", null);
        JsonNode hits = request("POST", "/" + index + "/_search", "{\"size\": 10000, \"query\": {\"match_all\": {}}}")
                .path("hits").path("hits");
        List<JsonNode> documents = new ArrayList<>();
        hits.forEach(documents::add);
        return documents;
    }

    /** Makes every written document searchable, then counts the documents of {@code index} (a name or pattern). */
    public long count(String index) throws IOException, InterruptedException {
        request("POST", "/" + index + "/_refresh", null);
        return request("GET", "/" + index + "/_count", null).path("count").asLong();
    }

    /** Deletes every index whose name matches {@code pattern}, so that each test starts from nothing. */
    public void deleteIndices(String pattern) throws IOException, InterruptedException {
        request("DELETE", "/" + pattern + "?expand_wildcards=all&allow_no_indices=true", null);
    }

    /**
     * Stops the node as an operator would (SIGTERM, then SIGKILL after 30 s), keeping its data, so that a test can
     * see what its clients do while Elasticsearch is away.
     */
    public void stop() {
        node.stop();
    }

    /** Starts a stopped node again on the same port and data, and returns once it is green. */
    public void restart() throws IOException, InterruptedException {
        node.restart();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        node.close();
        if (copy != null) {
            LocalElasticsearch.run("rm", "-rf", copy.toString());
        }
    }
}
