package dev.earshot.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.kafka.EmbeddedKafka;
import dev.earshot.connectors.kafka.KafkaOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The start-up checks against a real broker, and against a port nothing listens on. */
class ServiceChecksITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anUnreachableBrokerStopsStartUpWithinTheTimeoutNamingTheKey() throws IOException {
        String address = "localhost:" + closedPort();
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

    @Test
    void anUnreachableElasticsearchStopsStartUpNamingTheKey() throws IOException {
        String url = "http://localhost:" + closedPort();
        EarshotConfig config = ConfigLoader.parse("output: { to: [files, elasticsearch] }\nelasticsearch: { url: '" + url + "' }\n", "t");
        assertThatThrownBy(() -> ServiceChecks.check(config, TIMEOUT)).isInstanceOf(ServiceCheckException.class)
                .hasMessageStartingWith("cannot reach Elasticsearch at " + url + " (elasticsearch.url) within 3s: ")
                .hasMessageEndingWith("; check the address or start Elasticsearch");
    }
}
