package dev.earshot.connectors.helpdesk;

import dev.earshot.connectors.Secrets;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.TicketText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The helpdesk sink in real Flink jobs at parallelism 2, against the local Zendesk. */
class HelpdeskSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private final FakeZendesk zendesk = new FakeZendesk();
    private final List<HandoffTicket> versions = BundledTickets.versions();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        assertThat(zendesk.violations).isEmpty();
        zendesk.close();
    }

    @Test
    void theBundledTicketsOpenThreeTicketsAndAReplayedJobOpensNoMore() throws Exception {
        run(BundledTickets.ZENDESK_ENV);
        run(BundledTickets.ZENDESK_ENV);

        assertThat(zendesk.tickets).hasSize(3);
        assertThat(zendesk.comments.values().stream().flatMap(List::stream)
                .flatMap(c -> TicketText.markedPostIds(c.get("body").asText()).stream()).toList())
                .hasSize(10).doesNotHaveDuplicates();
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void refusedDeliveriesGoToTheDeadLetterSinkWithoutTheCredentials() throws Exception {
        run(Map.of("ZENDESK_EMAIL", FakeZendesk.EMAIL, "ZENDESK_API_TOKEN", "revoked-token-4242"));

        List<DeadLetter> letters = deadLetters();
        assertThat(letters).hasSize(versions.size()).allSatisfy(letter -> {
            assertThat(letter.stage()).isEqualTo("helpdesk");
            assertThat(letter.reason()).contains("HTTP 401").doesNotContain("revoked-token-4242");
            assertThat(Json.read(letter.raw(), HandoffTicket.class).id()).isNotBlank();
        });
        assertThat(zendesk.tickets).isEmpty();
    }

    @Test
    void theWriterStateRoundTrips() throws IOException {
        HelpdeskSink sink = new HelpdeskSink(HelpdeskSettings.of(HelpdeskKind.ZENDESK, zendesk.url(), "E", "T"),
                name -> "x", new JsonLinesFileSink<>(dir, "unused"));
        SimpleVersionedSerializer<Map<String, DeliveredTicket>> serializer = sink.getWriterStateSerializer();
        Map<String, DeliveredTicket> state = Map.of("abc", DeliveredTicket.opened("4014", versions.get(1), java.time.Instant.EPOCH));

        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state))).isEqualTo(state);
    }

    private void run(Map<String, String> env) throws Exception {
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        flink.setParallelism(2);
        HelpdeskSettings settings = HelpdeskSettings.of(HelpdeskKind.ZENDESK, zendesk.url(), "ZENDESK_EMAIL", "ZENDESK_API_TOKEN")
                .withDelivery(4, Duration.ofSeconds(2), 3, Duration.ofMillis(50), Duration.ofMillis(200));
        Secrets secrets = new HashMap<>(env)::get;
        flink.fromData(versions, JsonTypeInfo.of(HandoffTicket.class)).setParallelism(1)
                .keyBy(HandoffTicket::id)
                .sinkTo(new HelpdeskSink(settings, secrets, new JsonLinesFileSink<>(dir, "helpdesk-dead-letters")))
                .name("helpdesk").uid("helpdesk");
        flink.execute("helpdesk sink test");
    }

    private List<DeadLetter> deadLetters() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("helpdesk-dead-letters"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(line -> Json.read(line, DeadLetter.class)).toList();
        }
    }
}
