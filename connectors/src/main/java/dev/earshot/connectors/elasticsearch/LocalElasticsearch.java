package dev.earshot.connectors.elasticsearch;

import dev.earshot.connectors.LocalPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch in a process of its own, from an unpacked distribution (the integ-test zip, see
 * {@link ElasticsearchDistribution}): {@code earshot local elasticsearch} and the integration tests' node. It runs
 * with security off on this JVM's Java, with a 512 MB heap ({@code ES_JAVA_OPTS} is added after it, so
 * {@code ES_JAVA_OPTS=-Xmx2g} gives more), and keeps everything it writes in a state folder: {@code data},
 * {@code logs}, {@code tmp} and its console output in {@code console.log}. Started again on the same folder, it has
 * the same indices.
 *
 * <p>Elasticsearch refuses to run as root, so as root it runs as the system user {@value #USER}, created on first
 * use, which is given the distribution and the state folder; that user must be able to reach them
 * ({@link #userCanReach(Path)}: not under {@code /root}, say).
 */
public final class LocalElasticsearch implements AutoCloseable {

    public static final String USER = "earshot-es";
    private static final String HEAP = "-Xms512m -Xmx512m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessBuilder launcher;
    private final Path console;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;
    private Duration startUp;

    private LocalElasticsearch(ProcessBuilder launcher, Path console, String url) {
        this.launcher = launcher;
        this.console = console;
        this.url = url;
    }

    /**
     * Starts Elasticsearch from the distribution {@code home} on {@code host:port} with its state in {@code state}, and
     * returns once its cluster is green.
     *
     * @param settings more {@code name=value} settings, e.g. disk watermarks
     */
    public static LocalElasticsearch start(Path home, Path state, String host, int port, List<String> settings)
            throws IOException, InterruptedException {
        requirePortFree(host, port);
        home = home.toAbsolutePath();
        state = state.toAbsolutePath();
        for (String dir : List.of("data", "logs", "tmp")) {
            Files.createDirectories(state.resolve(dir));
        }
        // Zip archives, Maven's unpack included, do not keep the scripts' executable bit.
        try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
            scripts.forEach(script -> script.toFile().setExecutable(true, false));
        }
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            ensureUser();
            run("chown", "-R", USER + ":", home.toString(), state.toString());
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.addAll(List.of(home.resolve("bin/elasticsearch").toString(),
                "-Ediscovery.type=single-node", "-Expack.security.enabled=false", "-Enetwork.host=" + host,
                "-Ehttp.port=" + port, "-Epath.data=" + state.resolve("data"), "-Epath.logs=" + state.resolve("logs")));
        settings.forEach(setting -> command.add("-E" + setting));
        Path console = state.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        Map<String, String> env = builder.environment();
        env.put("ES_JAVA_HOME", System.getProperty("java.home"));
        String userOptions = System.getenv("ES_JAVA_OPTS");
        env.put("ES_JAVA_OPTS", userOptions == null ? HEAP : HEAP + " " + userOptions);
        env.put("ES_TMPDIR", state.resolve("tmp").toString());

        String hostInUrl = host.contains(":") ? "[" + host + "]" : host;
        LocalElasticsearch node = new LocalElasticsearch(builder, console, "http://" + hostInUrl + ":" + port);
        // Should the JVM end without close(), Elasticsearch must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> node.processTree().forEach(ProcessHandle::destroyForcibly)));
        node.restart();
        return node;
    }

    /**
     * Fails unless {@code port} is free on every address of {@code host}: asked before Elasticsearch binds it, whose
     * failure comes after seconds of start-up and pages of logging.
     */
    public static void requirePortFree(String host, int port) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port: use 1-65535");
        }
        LocalPorts.requireFree(host, port, "Elasticsearch");
    }

    public String url() {
        return url;
    }

    /** From launching the process until the cluster was green, at the last (re)start. */
    public Duration startUp() {
        return startUp;
    }

    /** Elasticsearch's console output, kept across starts. */
    public Path console() {
        return console;
    }

    /** Completes when the Elasticsearch process ends, by {@link #stop()} or of its own accord. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Stops Elasticsearch as an operator would (SIGTERM, then SIGKILL after 30 s), keeping its data, so that a test
     * can see what its clients do while it is away.
     */
    public void stop() {
        List<ProcessHandle> tree = processTree();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            if (handle.onExit().completeOnTimeout(handle, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join().isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    /** Starts it again (after {@link #stop()}) on the same port and data, and returns once it is green. */
    public void restart() throws IOException, InterruptedException {
        long started = System.nanoTime();
        process = launcher.start();
        try {
            awaitGreen();
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop();
            throw e;
        }
        startUp = Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether Elasticsearch runs as {@value #USER} here, because this JVM runs as root. */
    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Whether the user Elasticsearch runs as can enter {@code folder}: always as a normal user; as root, whether
     * {@value #USER} can (a folder under {@code /root} is closed to it).
     */
    public static boolean userCanReach(Path folder) throws IOException, InterruptedException {
        if (!isRoot()) {
            return true;
        }
        ensureUser();
        return new ProcessBuilder("runuser", "-u", USER, "--", "test", "-x", folder.toAbsolutePath().toString())
                .start().waitFor() == 0;
    }

    /** Runs a command, failing with its output when it fails. */
    public static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** The launcher starts the server JVM (and as root runuser starts the launcher): the whole tree. */
    private List<ProcessHandle> processTree() {
        if (process == null) {
            return List.of();
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    private void awaitGreen() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Elasticsearch exited with " + process.exitValue() + " while starting"
                        + diagnosis() + "; the end of " + console + ":\n" + consoleTail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                                URI.create(url + "/_cluster/health?wait_for_status=green&timeout=1s"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"green\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                Thread.sleep(250);
            }
        }
        throw new IOException("Elasticsearch was not green within " + START_TIMEOUT.toSeconds() + " s; the end of "
                + console + ":\n" + consoleTail());
    }

    /** The failures a person can fix, named before the log that shows them. */
    private String diagnosis() throws IOException {
        String tail = consoleTail();
        if (tail.contains("failed to obtain node locks")) {
            return ": another Elasticsearch uses its data folder; stop it, or use another folder";
        }
        if (tail.contains("BindException") || tail.contains("Address already in use")) {
            return ": its port is in use; stop what uses it, or choose another port";
        }
        return "";
    }

    private String consoleTail() throws IOException {
        List<String> lines = new String(Files.readAllBytes(console), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void ensureUser() throws IOException, InterruptedException {
        if (new ProcessBuilder("id", "-u", USER).start().waitFor() != 0) {
            run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER);
        }
    }
}
