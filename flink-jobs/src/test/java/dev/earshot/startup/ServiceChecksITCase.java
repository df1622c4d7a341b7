package dev.earshot.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.LocalPorts;
import dev.earshot.connectors.kafka.LocalKafka;
import dev.earshot.connectors.kafka.KafkaOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The start-up checks against a real broker, a port nothing listens on, and HTTP servers that are not Elasticsearch
 * (a real one is checked in {@code EarshotElasticsearchITCase}, which has one running).
 */
class ServiceChecksITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static LocalKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void anUnreachableBrokerStopsStartUpWithinTheTimeoutNamingTheKey() throws IOException {
        String address = "localhost:" + LocalPorts.free();
        EarshotConfig config = ConfigLoader.parse("input: { kind: kafka }\nkafka: { bootstrapServers: '" + address + "' }\n", "t");
        long started = System.nanoTime();
        assertThatThrownBy(() -> ServiceChecks.check(config, TIMEOUT)).isInstanceOf(ServiceCheckException.class)
                .hasMessageStartingWith("cannot reach Kafka at " + address + " (kafka.bootstrapServers) within 3s: ")
                .hasMessageEndingWith("; check the address or start the broker");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
    }

    @Test
    void aMissingInputTopicIsAnErrorAndMissingOutputTopicsANote() throws Exception {
        String input = "input: { kind: kafka }\nkafka: { bootstrapServers: '" + kafka.bootstrapServers()
                + "', postsTopic: checked.posts, alertsTopic: checked.alerts }\n";
        assertThatThrownBy(() -> ServiceChecks.check(ConfigLoader.parse(input, "t"), TIMEOUT))
                .hasMessageStartingWith("kafka.postsTopic: topic checked.posts does not exist at " + kafka.bootstrapServers());

        kafka.createTopic("checked.posts", 1);
        assertThat(ServiceChecks.check(ConfigLoader.parse(input, "t"), TIMEOUT)).isEmpty();

        String output = input.replace("input: { kind: kafka }", "output: { to: [kafka] }");
        assertThat(ServiceChecks.check(ConfigLoader.parse(output, "t"), TIMEOUT)).singleElement().asString()
                .contains("has no topic " + KafkaOptions.DEAD_LETTER_TOPIC + ", checked.alerts, ")
                .doesNotContain("checked.posts");
    }

    /** A local HTTP server that answers every request with this status, content type and body. */
    private static HttpServer answering(int status, String contentType, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> checkingElasticsearchAt(HttpServer server) {
        String url = "http://localhost:" + server.getAddress().getPort();
        EarshotConfig config = ConfigLoader.parse("output: { to: [files, elasticsearch] }\nelasticsearch: { url: '" + url + "' }\n", "t");
        return assertThatThrownBy(() -> ServiceChecks.check(config, TIMEOUT)).isInstanceOf(ServiceCheckException.class);
    }

    @Test
    void aWebPageAtTheElasticsearchUrlIsNamedForWhatItIs() throws IOException {
        HttpServer page = answering(200, "text/html", "<html>\n<head><title>Welcome to nginx!</title></head></html>");
        HttpServer notFound = answering(404, "text/html; charset=utf-8", "<html><body><h1>404 Not Found</h1></body></html>");
        try {
            checkingElasticsearchAt(page).hasMessage("the server at http://localhost:" + page.getAddress().getPort()
                    + " (elasticsearch.url) is not Elasticsearch: it answered GET / with HTTP 200 and text/html \"<html> "
                    + "<head><title>Welcome to nginx!</title></head></html>\", without Elasticsearch's version; set "
                    + "elasticsearch.url to Elasticsearch's own HTTP address (port 9200 unless changed), not Kibana's or a web page's");
            checkingElasticsearchAt(notFound).hasMessageContaining("(elasticsearch.url) answered HTTP 404 with text/html; "
                    + "charset=utf-8 \"<html><body><h1>404 Not Found</h1></body></html>\"; set elasticsearch.url to");
        } finally {
            page.stop(0);
            notFound.stop(0);
        }
    }

    @Test
    void anElasticsearchThatWantsCredentialsIsToldApart() throws IOException {
        // what Elasticsearch with security on answers an anonymous request
        HttpServer secured = answering(401, "application/json", "{\"error\":{\"type\":\"security_exception\"},\"status\":401}");
        try {
            checkingElasticsearchAt(secured).hasMessageContaining("(elasticsearch.url) answered HTTP 401 with application/json "
                    + "\"{\"error\":{\"type\":\"security_exception\"},\"status\":401}\": it needs credentials, which Earshot does not send");
        } finally {
            secured.stop(0);
        }
    }

    @Test
    void anUnreachableElasticsearchStopsStartUpNamingTheKey() throws IOException {
        String url = "http://localhost:" + LocalPorts.free();
        EarshotConfig config = ConfigLoader.parse("output: { to: [files, elasticsearch] }\nelasticsearch: { url: '" + url + "' }\n", "t");
        assertThatThrownBy(() -> ServiceChecks.check(config, TIMEOUT)).isInstanceOf(ServiceCheckException.class)
                .hasMessageStartingWith("cannot reach Elasticsearch at " + url + " (elasticsearch.url) within 3s: ")
                .hasMessageEndingWith("; check the address or start Elasticsearch");
    }
}
