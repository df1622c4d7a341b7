package dev.earshot.connectors.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch for integration tests: the minimal distribution
 * ({@code org.elasticsearch.distribution.integ-test-zip}) that the build unpacks in {@code pre-integration-test}
 * (its directory is the system property {@value #HOME_PROPERTY}). It listens on 127.0.0.1 on a free port with
 * security off and a 512 MB heap, runs on this JVM's JDK, and keeps its data and logs in a fresh directory under
 * {@code target/}. Elasticsearch refuses to run as root, so as root it runs as the system user {@value #USER},
 * created on first use; when that user cannot reach {@code target/} (a checkout under {@code /root}), the node runs
 * from a copy of the distribution in the temp directory. Start one per test class; {@link #close()} stops its
 * process tree (and a shutdown hook does, should the JVM end first).
 *
 * <p>The minimal distribution has no scripting, no ingest pipelines and no language analyzers, and answers
 * {@code GET /} with 405; health is {@code _cluster/health}.
 */
public final class ElasticsearchTestNode implements AutoCloseable {

    public static final String HOME_PROPERTY = "earshot.test.elasticsearch.home";
    static final String USER = "earshot-es";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ProcessBuilder launcher;
    private Process process;
    private final String url;
    private final Path runDir;
    /** A copy of the distribution made for this node, removed when it stops; null when it runs from target/. */
    private final Path copy;
    private final HttpClient http = HttpClient.newHttpClient();
    private Duration startupTime;

    private ElasticsearchTestNode(ProcessBuilder launcher, String url, Path runDir, Path copy) throws IOException {
        this.launcher = launcher;
        this.process = launcher.start();
        this.url = url;
        this.runDir = runDir;
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
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            ensureUser();
            if (!canRead(home.resolve("bin/elasticsearch"))) {
                // E.g. a checkout under /root: the user cannot reach target/, so it runs from a copy in the temp dir.
                copy = Files.createTempDirectory("earshot-elasticsearch-");
                run("chmod", "755", copy.toString());
                run("cp", "-a", home.toString(), copy.toString());
                base = copy;
                home = copy.resolve(home.getFileName());
            }
        }
        Path runDir = Files.createTempDirectory(base, "elasticsearch-run-");
        for (String dir : List.of("data", "logs", "tmp")) {
            Files.createDirectories(runDir.resolve(dir));
        }
        try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
            scripts.forEach(script -> script.toFile().setExecutable(true, false));
        }
        if (isRoot()) {
            run("chown", "-R", USER + ":", home.toString(), runDir.toString());
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        int port = freePort();
        command.addAll(List.of(home.resolve("bin/elasticsearch").toString(),
                "-Ediscovery.type=single-node", "-Expack.security.enabled=false", "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + port, "-Epath.data=" + runDir.resolve("data"), "-Epath.logs=" + runDir.resolve("logs"),
                // Tests fill small disks too: no read-only blocks from the disk watermarks.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                // Tests start from nothing by deleting indices by pattern.
                "-Eaction.destructive_requires_name=false"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("console.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("ES_JAVA_HOME", System.getProperty("java.home"));
        env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        env.put("ES_TMPDIR", runDir.resolve("tmp").toString());

        long started = System.nanoTime();
        ElasticsearchTestNode node = new ElasticsearchTestNode(builder, "http://127.0.0.1:" + port, runDir, copy);
        // Should the JVM end without close(), the node must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> node.processTree().forEach(ProcessHandle::destroyForcibly)));
        try {
            node.awaitGreen();
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
        node.startupTime = Duration.ofNanos(System.nanoTime() - started);
        return node;
    }

    public String url() {
        return url;
    }

    /** From launching the process until the cluster was green. */
    public Duration startupTime() {
        return startupTime;
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
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
        List<ProcessHandle> tree = processTree();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            if (!handle.onExit().completeOnTimeout(handle, 30, TimeUnit.SECONDS).join().isAlive()) {
                continue;
            }
            handle.destroyForcibly();
        }
    }

    /** Starts a stopped node again on the same port and data, and returns once it is green. */
    public void restart() throws IOException, InterruptedException {
        long started = System.nanoTime();
        process = launcher.start();
        awaitGreen();
        startupTime = Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        stop();
        if (copy != null) {
            run("rm", "-rf", copy.toString());
        }
    }

    /** runuser starts the launcher, which starts the server JVM: the whole tree. */
    private List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    private void awaitGreen() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Elasticsearch exited with " + process.exitValue() + " while starting:\n" + consoleTail());
            }
            try {
                HttpResponse<String> health = send("GET", "/_cluster/health?wait_for_status=green&timeout=1s", null);
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"green\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                Thread.sleep(250);
            }
        }
        throw new IOException("Elasticsearch was not green within " + START_TIMEOUT.toSeconds() + " s:\n" + consoleTail());
    }

    private String consoleTail() throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve("console.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean canRead(Path file) throws IOException, InterruptedException {
        return new ProcessBuilder("runuser", "-u", USER, "--", "test", "-r", file.toString()).start().waitFor() == 0;
    }

    private static void ensureUser() throws IOException, InterruptedException {
        if (new ProcessBuilder("id", "-u", USER).start().waitFor() != 0) {
            run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
