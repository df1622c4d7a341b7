package dev.earshot.connectors.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.flink.util.FileUtils;

/**
 * The Elasticsearch that {@code earshot local elasticsearch} runs: the integ-test build
 * ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch}), the one the integration tests run, because it
 * is on Maven Central (Elastic's own archives are on artifacts.elastic.co only). It is a zip of about 100 MB without
 * a JDK (it runs on this JVM's) and without Kibana, scripting, ingest pipelines or language analyzers, none of which
 * Earshot's output needs. Its version and SHA-256 come from the build ({@code elasticsearch-test.*} in the root pom).
 *
 * <p>The zip is taken from the local Maven repository when the build has fetched it there (a {@code ./mvnw verify}
 * does), and downloaded from Maven Central otherwise; either way its SHA-256 is checked before it is unpacked.
 */
public final class ElasticsearchDistribution {

    public static final String VERSION;
    static final String SHA256;
    public static final URI MAVEN_CENTRAL = URI.create("https://repo1.maven.org/maven2/");
    /** The zip (107 MB for 8.19.21) and what it unpacks to (124 MB), with room to spare. */
    public static final long BYTES_TO_INSTALL = 300L * 1024 * 1024;

    static {
        Properties properties = new Properties();
        try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream("distribution.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VERSION = properties.getProperty("version");
        SHA256 = properties.getProperty("sha256");
    }

    private ElasticsearchDistribution() {
    }

    /** The zip's path in a Maven repository, local or remote. */
    public static String repositoryPath() {
        return "org/elasticsearch/distribution/integ-test-zip/elasticsearch/" + VERSION + "/elasticsearch-" + VERSION + ".zip";
    }

    /** The folder {@link #install} unpacks to under {@code dir}. */
    public static Path home(Path dir) {
        return dir.resolve("elasticsearch-" + VERSION);
    }

    public static boolean isInstalled(Path dir) {
        return Files.isRegularFile(home(dir).resolve("bin/elasticsearch"));
    }

    /** The local Maven repository, as Maven finds it: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
    public static Path localMavenRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * Unpacks the distribution under {@code dir} unless it is there already, and returns its home. The zip comes
     * from {@code localRepository} when it holds it with the right SHA-256, else from {@code remoteRepository}
     * (downloaded into {@code dir}, removed once unpacked); {@code out} gets a line on where it came from and the
     * download's progress.
     */
    public static Path install(Path dir, Path localRepository, URI remoteRepository, PrintWriter out)
            throws IOException, InterruptedException {
        Path home = home(dir);
        if (isInstalled(dir)) {
            return home;
        }
        Files.createDirectories(dir);
        Path local = localRepository.resolve(repositoryPath());
        if (Files.isRegularFile(local)) {
            String sha256 = sha256(local);
            if (sha256.equals(SHA256)) {
                out.printf("unpacking Elasticsearch %s from the local Maven repository (%s) ...%n", VERSION, local);
                out.flush();
                unpack(local, dir);
                return home;
            }
            out.printf("%s has SHA-256 %s, not the published %s: downloading it instead%n", local, sha256, SHA256);
        }
        Path zip = download(remoteRepository.resolve(repositoryPath()), dir, out);
        try {
            unpack(zip, dir);
        } finally {
            Files.deleteIfExists(zip);
        }
        return home;
    }

    private static Path download(URI uri, Path dir, PrintWriter out) throws IOException, InterruptedException {
        Path zip = dir.resolve("elasticsearch-" + VERSION + ".zip");
        Path part = dir.resolve(zip.getFileName() + ".part");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        MessageDigest digest = sha256Digest();
        long length;
        long received = 0;
        boolean progressShown = false;
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = new DigestInputStream(response.body(), digest);
                 OutputStream file = Files.newOutputStream(part)) {
                if (response.statusCode() != 200) {
                    throw downloadFailure(uri, "HTTP " + response.statusCode(), null);
                }
                length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                out.printf("downloading Elasticsearch %s (%s) from %s:", VERSION,
                        length < 0 ? "size unknown" : String.format("%.0f MB", length / 1e6), uri);
                out.flush();
                progressShown = true;
                byte[] buffer = new byte[64 * 1024];
                int shownTenths = 0;
                for (int read; (read = body.read(buffer)) >= 0; ) {
                    file.write(buffer, 0, read);
                    received += read;
                    for (int tenths = length > 0 ? (int) (received * 10 / length) : 0; shownTenths < tenths; ) {
                        out.printf(" %d%%", ++shownTenths * 10);
                        out.flush();
                    }
                }
                out.println();
            }
        } catch (DownloadFailure e) {
            Files.deleteIfExists(part);
            throw e;
        } catch (IOException e) {
            Files.deleteIfExists(part);
            if (progressShown) {
                out.println();
            }
            throw downloadFailure(uri, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (length >= 0 && received != length || !sha256.equals(SHA256)) {
            Files.delete(part);
            throw downloadFailure(uri, length >= 0 && received != length ? "it ended after " + received + " of " + length
                    + " bytes" : "it has SHA-256 " + sha256 + ", not the published " + SHA256
                    + " (damaged on the way, or not Elastic's file)", null);
        }
        return Files.move(part, zip, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A failed download, saying how else to get the zip. */
    private static final class DownloadFailure extends IOException {
        DownloadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static DownloadFailure downloadFailure(URI uri, String what, Throwable cause) {
        return new DownloadFailure("cannot download Elasticsearch " + VERSION + " from " + uri + ": " + what
                + "; check that this machine reaches " + uri.getHost() + " (behind a proxy, add -Dhttps.proxyHost=... "
                + "-Dhttps.proxyPort=... to EARSHOT_JAVA_OPTS), or fetch the zip through Maven and its settings with "
                + "`./mvnw dependency:get -Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:"
                + VERSION + ":zip`, then run this again", cause);
    }

    /** Unpacks into a folder of its own first, so that an interrupted unpack never looks installed. */
    private static void unpack(Path zip, Path dir) throws IOException {
        Path staging = dir.resolve(".unpacking");
        FileUtils.deleteDirectory(staging.toFile());
        Files.createDirectories(staging);
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().toList()) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException(zip + " holds an entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Path unpacked = staging.resolve(home(dir).getFileName());
        if (!Files.isRegularFile(unpacked.resolve("bin/elasticsearch"))) {
            throw new IOException(zip + " has no " + home(dir).getFileName() + "/bin/elasticsearch: it is not the "
                    + "Elasticsearch distribution; delete it and run this again");
        }
        FileUtils.deleteDirectory(home(dir).toFile());
        Files.move(unpacked, home(dir));
        FileUtils.deleteDirectory(staging.toFile());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
