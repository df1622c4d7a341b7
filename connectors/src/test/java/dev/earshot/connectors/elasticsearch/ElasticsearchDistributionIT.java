package dev.earshot.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching the distribution when the local Maven repository lacks it, from a repository served here: the zip the
 * build fetched for the other integration tests, a missing file, and a damaged one.
 */
class ElasticsearchDistributionIT {

    @TempDir
    Path dir;
    @TempDir
    Path emptyLocalRepository;

    private HttpServer server;
    private final StringWriter progress = new StringWriter();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void downloadsChecksAndUnpacksTheZipThenRemovesIt() throws Exception {
        byte[] zip = Files.readAllBytes(ElasticsearchDistribution.localMavenRepository()
                .resolve(ElasticsearchDistribution.repositoryPath()));

        Path home = ElasticsearchDistribution.install(dir, emptyLocalRepository, serve(200, zip), new PrintWriter(progress, true));

        assertThat(home.resolve("bin/elasticsearch")).isRegularFile();
        assertThat(ElasticsearchDistribution.isInstalled(dir)).isTrue();
        assertThat(progress.toString()).contains("downloading Elasticsearch " + ElasticsearchDistribution.VERSION,
                " 10% 20% 30% 40% 50% 60% 70% 80% 90% 100%");
        try (var left = Files.list(dir)) {
            assertThat(left).as("only the unpacked distribution stays").containsExactly(home);
        }
    }

    @Test
    void aMissingFileSaysHowElseToGetIt() throws Exception {
        URI repository = serve(404, "Not Found".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ElasticsearchDistribution.install(dir, emptyLocalRepository, repository, new PrintWriter(progress)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot download Elasticsearch " + ElasticsearchDistribution.VERSION)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("./mvnw dependency:get -Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:");
        assertThat(ElasticsearchDistribution.isInstalled(dir)).isFalse();
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aDamagedDownloadIsRefusedByItsChecksum() throws Exception {
        URI repository = serve(200, "PK not the distribution".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ElasticsearchDistribution.install(dir, emptyLocalRepository, repository, new PrintWriter(progress)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not the published " + ElasticsearchDistribution.SHA256);
        try (var left = Files.list(dir)) {
            assertThat(left).as("nothing is unpacked or kept").isEmpty();
        }
    }

    /** A repository on this machine whose every path answers {@code status} with {@code body}. */
    private URI serve(int status, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/maven2/");
    }
}
