package dev.earshot.cli;

import dev.earshot.connectors.elasticsearch.ElasticsearchDistribution;
import dev.earshot.connectors.elasticsearch.LocalElasticsearch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "elasticsearch", mixinStandardHelpOptions = true,
        description = {"Run a single-node Elasticsearch in its own process until Ctrl-C, for Earshot's Elasticsearch output.",
                "It is Elasticsearch's integ-test build from Maven Central (about 100 MB, taken from the local Maven "
                        + "repository when the build has it, else downloaded once into --dir and checked against its "
                        + "SHA-256), the one the tests run. It runs on the Java that runs Earshot, with security off "
                        + "and a 512 MB heap (ES_JAVA_OPTS=-Xmx2g for more); as root, as the system user "
                        + LocalElasticsearch.USER + ". Its data stays in --dir: started again on the same folder, it "
                        + "has the same indices.",
                "Kibana is not on Maven Central, so it is not included: for Kibana, use Docker or Elastic's archives "
                        + "(see the README). Earshot's output installs its index templates when it starts; query the "
                        + "indices with curl."})
final class LocalElasticsearchCommand extends LocalService {

    static final int DEFAULT_PORT = 9200;
    /** Every loopback address the name has, so that clients reach it by localhost whichever they try first. */
    static final String HOST = "localhost";
    static final String DEFAULT_DIR = "local/elasticsearch";
    /** Room for the indices of a few runs; less than this is refused at start. */
    static final long MIN_FREE_BYTES = 1024L * 1024 * 1024;
    /**
     * Free space, not Elasticsearch's default shares of the disk (85-95%, which on a large disk still leaves tens of
     * GB, and on a small one stops writes early): new shards stop below 700 MB, writes below 300 MB.
     */
    static final List<String> DISK_WATERMARKS = List.of("cluster.routing.allocation.disk.watermark.low=700mb",
            "cluster.routing.allocation.disk.watermark.high=500mb",
            "cluster.routing.allocation.disk.watermark.flood_stage=300mb");

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "the HTTP port, on localhost (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
            description = "the folder of the distribution, its data and logs, created when missing (default: ${DEFAULT-VALUE})")
    private Path dir;

    @Override
    public Integer call() throws Exception {
        requirePort(port);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            // Before anything is downloaded or unpacked.
            LocalElasticsearch.requirePortFree(HOST, port);
        } catch (IOException e) {
            err.println("earshot: " + e.getMessage() + " (--port)");
            return 1;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            err.printf("earshot: no Java at %s to run Elasticsearch on: install a JDK 17 or newer and put it on PATH%n", java);
            return 1;
        }
        Path folder = dir.toAbsolutePath();
        String diskProblem = diskProblem(folder);
        if (diskProblem != null) {
            err.println("earshot: " + diskProblem);
            return 1;
        }
        Files.createDirectories(folder);
        if (!LocalElasticsearch.userCanReach(folder)) {
            err.printf("earshot: as root, Elasticsearch runs as the user %s, which cannot reach %s (a folder above it "
                    + "is closed to other users, as /root is): give a --dir it can reach, e.g. --dir /var/tmp/earshot-elasticsearch%n",
                    LocalElasticsearch.USER, folder);
            return 1;
        }
        Path home;
        try {
            home = ElasticsearchDistribution.install(folder, ElasticsearchDistribution.localMavenRepository(),
                    ElasticsearchDistribution.MAVEN_CENTRAL, out);
        } catch (IOException e) {
            err.println("earshot: " + e.getMessage());
            return 1;
        }
        out.printf("starting Elasticsearch %s on %s:%d, data in %s ...%n", ElasticsearchDistribution.VERSION,
                HOST, port, folder.resolve("data"));
        out.flush();
        LocalElasticsearch started;
        try {
            started = LocalElasticsearch.start(home, folder, HOST, port, DISK_WATERMARKS);
        } catch (IOException e) {
            err.printf("earshot: cannot start Elasticsearch on %s:%d (--port) with --dir %s: %s%n", HOST, port, dir,
                    e.getMessage());
            return 1;
        }
        int exitCode = 0;
        try (StopSignals signals = installSignals();
             LocalElasticsearch elasticsearch = started) {
            Path config = dir.resolve("earshot.yaml");
            String yaml = writeConfig(config, elasticsearch.url());
            out.printf("Elasticsearch is ready at %s (started in %.1f s); logs in %s.%n%n"
                            + "To send Earshot's output to it as well as to files, in another terminal:%n%n"
                            + "  ./earshot run -c %s%n%n"
                            + "That file (written at each start) holds:%n%n%s%n"
                            + "Earshot's output installs its index templates when it starts. Count what it wrote with:%n%n"
                            + "  curl -s '%s/earshot-*/_count?pretty'%n%n"
                            + "This is Elasticsearch's integ-test build: no Kibana (it is not on Maven Central; see the "
                            + "README's \"Without Docker\" for Elastic's archives), no scripting or ingest pipelines.%n"
                            + "Ctrl-C stops Elasticsearch; `./earshot local elasticsearch%s%s` starts it again with its indices.%n",
                    elasticsearch.url(), elasticsearch.startUp().toMillis() / 1000.0, folder.resolve("logs"),
                    config, indent(yaml), elasticsearch.url(),
                    port == DEFAULT_PORT ? "" : " --port " + port,
                    dir.equals(Path.of(DEFAULT_DIR)) ? "" : " --dir " + dir);
            out.flush();
            CompletableFuture<?> stop = stopRequest(signals);
            CompletableFuture.anyOf(stop, elasticsearch.onExit()).join();
            if (stopAsked(stop)) {
                out.println("stopping Elasticsearch ...");
                out.flush();
            } else {
                err.printf("earshot: Elasticsearch stopped on its own (exit code %d); see %s and %s%n",
                        elasticsearch.onExit().join().exitValue(), elasticsearch.console(), folder.resolve("logs"));
                exitCode = 1;
            }
        }
        out.printf("Elasticsearch stopped; its data stays in %s%n", folder.resolve("data"));
        out.flush();
        return exitCode;
    }

    /**
     * Whether a stop was asked for, rather than Elasticsearch ending of its own accord. A Ctrl-C in the terminal
     * reaches Elasticsearch too, which may end before this JVM has handled it: that is given 2 s.
     */
    private static boolean stopAsked(CompletableFuture<?> stop) throws InterruptedException {
        try {
            stop.get(2, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    /** What keeps Elasticsearch from running in {@code folder} for lack of disk, or null. */
    private static String diskProblem(Path folder) throws IOException {
        Path existing = folder;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean installed = ElasticsearchDistribution.isInstalled(folder);
        long needed = MIN_FREE_BYTES + (installed ? 0 : ElasticsearchDistribution.BYTES_TO_INSTALL);
        long free = Files.getFileStore(existing).getUsableSpace();
        if (free >= needed) {
            return null;
        }
        return String.format("not enough disk for Elasticsearch in %s: %.1f GB free, it needs %.1f GB (%s1 GB for its "
                        + "data; it stops taking writes below 300 MB free): free some space, or give a --dir on another disk",
                folder, free / 1e9, needed / 1e9, installed ? ""
                        : ElasticsearchDistribution.BYTES_TO_INSTALL / (1024 * 1024) + " MB for the distribution, ");
    }

    /**
     * Writes the lines a configuration needs for this Elasticsearch to {@code config}, next to it (the next command
     * names it), and returns them.
     */
    private static String writeConfig(Path config, String url) throws IOException {
        String yaml = String.format("# Written by `earshot local elasticsearch` at each start: Earshot's "
                + "output to files and to this Elasticsearch.%n"
                + "output: { to: [files, elasticsearch] }%n"
                + "elasticsearch: { url: %s }%n", url);
        Files.writeString(config, yaml);
        return yaml;
    }

    private static String indent(String text) {
        return text.lines().map(line -> "  " + line + System.lineSeparator()).reduce("", String::concat);
    }
}
