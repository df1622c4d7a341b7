package dev.earshot.flink;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.kafka.DeadLetterSerializer;
import dev.earshot.connectors.kafka.LocalKafka;
import dev.earshot.connectors.kafka.KafkaOptions;
import dev.earshot.connectors.kafka.KafkaPostSource;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.Author;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.Post;
import dev.earshot.model.TicketStatus;
import dev.earshot.sample.SampleScenario;
import dev.earshot.sample.SampleStreamGenerator;
import dev.earshot.sample.SampleStreamParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job from Kafka to Kafka: the bundled sample stream is written to {@code earshot.posts} (two
 * partitions), the job runs at parallelism 2 with checkpoints and exactly-once sinks, and a read_committed consumer
 * finds the stream's known incidents, tickets and malformed records on the output topics. Ahead of the sample, one
 * post is sent in Latin-1 and one in UTF-8 with a byte order mark.
 */
class KafkaWorkflowITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static LocalKafka kafka;
    static SampleScenario scenario;
    static Set<String> sentLines;
    static int sent;
    static List<ConsumerRecord<byte[], byte[]>> alerts;
    static List<ConsumerRecord<byte[], byte[]>> tickets;
    static List<ConsumerRecord<byte[], byte[]>> deadLetters;
    static List<ConsumerRecord<byte[], byte[]>> stats;
    static List<ConsumerRecord<byte[], byte[]>> enrichedPosts;
    static int uncommittedTickets;
    static JobExecutionResult result;
    static final String CAFE = Json.write(new Post("forum:cafe-latin1", "forum", SampleScenario.PERIOD_START,
            "Coffee at the café was lovely", "en", new Author("a1", "a1", 0, null), null, null, null, null, null, null,
            null, null));
    static final String CAFE_UTF8 = CAFE.replace("cafe-latin1", "cafe-utf8");

    @BeforeAll
    static void runTheSampleStreamThroughKafka(@InjectMiniCluster MiniCluster cluster) throws Exception {
        kafka = LocalKafka.start();
        KafkaOptions options = KafkaOptions.builder().bootstrapServers(kafka.bootstrapServers()).bounded(true)
                .enrichedPostsTopic(KafkaOptions.ENRICHED_POSTS_TOPIC).build();
        kafka.createTopic(options.postsTopic(), 2);
        for (String topic : List.of(options.deadLetterTopic(), options.alertsTopic(), options.ticketsTopic(), options.statsTopic(),
                options.enrichedPostsTopic())) {
            kafka.createTopic(topic, 1);
        }
        scenario = SampleStreamGenerator.generate(SampleStreamParams.defaults()).scenario();
        List<String> lines = BundledSample.lines();
        sentLines = Set.copyOf(lines);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        // first, so that dated at the sample's start they are not late
        records.add(new ProducerRecord<>(options.postsTopic(), 0, null, CAFE.getBytes(ISO_8859_1)));
        records.add(new ProducerRecord<>(options.postsTopic(), 0, null, ("\uFEFF" + CAFE_UTF8).getBytes(UTF_8)));
        sent = lines.size() + records.size();
        records.addAll(postRecords(options.postsTopic(), lines));
        kafka.send(records);

        // the extension's cluster: it is the context environment only inside each test
        StreamExecutionEnvironment env = new TestStreamEnvironment(cluster, 2);
        env.enableCheckpointing(2_000);
        new EarshotJob(EarshotConfig.defaults(), RecordSource.withOrigins(KafkaPostSource.withOrigins(options),
                options.postsTopic()), KafkaEarshotSinks.of(options)).build(env);
        result = env.execute("earshot kafka workflow test");

        alerts = kafka.readAll(options.alertsTopic(), "read_committed");
        tickets = kafka.readAll(options.ticketsTopic(), "read_committed");
        deadLetters = kafka.readAll(options.deadLetterTopic(), "read_committed");
        stats = kafka.readAll(options.statsTopic(), "read_committed");
        enrichedPosts = kafka.readAll(options.enrichedPostsTopic(), "read_committed");
        uncommittedTickets = kafka.readAll(options.ticketsTopic(), "read_uncommitted").size();
    }

    /** One record per line, in the order given, spread over the posts topic's two partitions. */
    static List<ProducerRecord<byte[], byte[]>> postRecords(String topic, List<String> lines) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            records.add(new ProducerRecord<>(topic, i % 2, null, lines.get(i).getBytes(UTF_8)));
        }
        return records;
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void everyRecordIsReadOnceAndEveryOutputTheJobCountedIsCommittedOnce() {
        assertThat(counter(Counters.RECORDS_READ)).isEqualTo(sent);
        assertThat(tickets).as("ticket versions committed (%d written in all)", uncommittedTickets)
                .hasSize((int) (counter(Counters.TICKETS_OPENED) + counter(Counters.TICKET_UPDATES)
                        + counter(Counters.TICKETS_CLOSED)));
        assertThat(stats).hasSize((int) counter(Counters.WINDOW_STATS));
        assertThat(deadLetters).hasSize((int) counter(Counters.DEAD_LETTERS));
    }

    @Test
    void everyEnrichedPostIsCommittedOnceKeyedByItsId() {
        List<EnrichedPost> posts = enrichedPosts.stream().map(record -> value(record, EnrichedPost.class)).toList();

        assertThat(posts).hasSize((int) counter(Counters.POSTS_ENRICHED));
        assertThat(enrichedPosts).allSatisfy(record ->
                assertThat(new String(record.key(), UTF_8)).isEqualTo(value(record, EnrichedPost.class).post().id()));
        assertThat(posts.stream().map(post -> post.post().id()).distinct()).hasSize(posts.size());
    }

    @Test
    void alertsAreTheKnownIncidentsKeyedByAlertId() {
        Set<String> expected = scenario.incidents().stream()
                .flatMap(incident -> incident.expectedAlerts().stream()
                        .map(kind -> kind + " " + incident.topic() + " " + incident.city()))
                .collect(toSet());

        assertThat(alerts).allSatisfy(record ->
                assertThat(new String(record.key(), UTF_8)).isEqualTo(value(record, Alert.class).id()));
        assertThat(alerts.stream().map(record -> value(record, Alert.class))
                .map(a -> a.kind() + " " + a.topic() + " " + a.locationName()).collect(toSet()))
                .isEqualTo(expected);
    }

    @Test
    void eachVentingCustomerGetsOneTicketKeyedByTicketId() {
        List<HandoffTicket> versions = tickets.stream().map(record -> value(record, HandoffTicket.class)).toList();

        assertThat(tickets).allSatisfy(record ->
                assertThat(new String(record.key(), UTF_8)).isEqualTo(value(record, HandoffTicket.class).id()));
        assertThat(versions).filteredOn(t -> t.status() == TicketStatus.OPEN)
                .extracting(t -> t.customer().id())
                .containsExactlyInAnyOrderElementsOf(scenario.ventingCustomers().stream()
                        .map(SampleScenario.VentingCustomer::authorId).toList());
    }

    /**
     * As in the file run: each version of the Bengaluru customer's ticket links the parking incidents of Bengaluru
     * opened by its latest post's time, here on an input read while the job runs rather than one flushed at its end.
     */
    @Test
    void theBangaloreTicketIsLinkedToEveryParkingIncidentOpenAtItsPostsTime() {
        List<Alert> parkingOpened = alerts.stream().map(record -> value(record, Alert.class))
                .filter(a -> a.topic().equals("parking") && a.locationName().equals("Bengaluru"))
                .filter(a -> a.status() == AlertStatus.OPEN).toList();
        List<HandoffTicket> bangalore = tickets.stream().map(record -> value(record, HandoffTicket.class))
                .filter(t -> t.location() != null && t.location().city().equals("Bengaluru"))
                .filter(t -> t.status() != TicketStatus.CLOSED).toList();

        assertThat(parkingOpened).extracting(Alert::kind)
                .containsExactlyInAnyOrder(AlertKind.NEGATIVE_SPIKE, AlertKind.PEER_OUTLIER);
        assertThat(bangalore).hasSize(4).allSatisfy(version -> {
            Instant latestPost = version.posts().get(version.posts().size() - 1).createdAt();
            assertThat(version.linkedAlertIds()).as("the version of %s", latestPost).containsExactlyInAnyOrderElementsOf(
                    parkingOpened.stream().filter(a -> !a.openedAt().isAfter(latestPost)).map(Alert::id).toList());
        });
        assertThat(bangalore.get(bangalore.size() - 1).linkedAlertIds()).hasSize(2);
    }

    @Test
    void everyMalformedRecordIsInTheDeadLetterTopicAsItsOriginalBytesWithTheReason() {
        List<ConsumerRecord<byte[], byte[]>> malformed = deadLetters.stream()
                .filter(record -> header(record, DeadLetterSerializer.STAGE).equals("parse")).toList();
        assertThat(malformed).hasSize(scenario.malformedRecords());
        assertThat(malformed).allSatisfy(record -> {
            assertThat(sentLines).contains(new String(record.value(), UTF_8));
            assertThat(header(record, DeadLetterSerializer.REASON)).isNotBlank();
            assertThat(header(record, DeadLetterSerializer.STAGE)).isEqualTo("parse");
            assertThat(header(record, DeadLetterSerializer.ORIGIN)).matches(KafkaOptions.POSTS_TOPIC + "/[01]/\\d+");
            assertThat(header(record, DeadLetterSerializer.SOURCE_TOPIC)).isEqualTo(KafkaOptions.POSTS_TOPIC);
            assertThat(header(record, DeadLetterSerializer.SOURCE_PARTITION)).isIn("0", "1");
            assertThat(header(record, DeadLetterSerializer.SOURCE_OFFSET)).matches("\\d+");
        });
    }

    @Test
    void aValueThatIsNotUtf8IsADeadLetterAtStageReadWithItsOriginalBytesAndTheSamePostInUtf8IsEnriched() {
        List<ConsumerRecord<byte[], byte[]>> unreadable = deadLetters.stream()
                .filter(record -> header(record, DeadLetterSerializer.STAGE).equals("read")).toList();

        assertThat(unreadable).hasSize(1);
        ConsumerRecord<byte[], byte[]> latin1 = unreadable.get(0);
        assertThat(latin1.value()).isEqualTo(CAFE.getBytes(ISO_8859_1));
        assertThat(header(latin1, DeadLetterSerializer.REASON)).startsWith("the value is not valid UTF-8: byte "
                + (CAFE.indexOf('é') + 1) + " of its " + CAFE.length() + " (0xE9) is not; it looks like Latin-1");
        assertThat(header(latin1, DeadLetterSerializer.ORIGIN)).isEqualTo(KafkaOptions.POSTS_TOPIC + "/0/0");
        assertThat(deadLetters).hasSize(scenario.malformedRecords() + 1);
        assertThat(enrichedPosts.stream().map(record -> value(record, EnrichedPost.class).post()))
                .filteredOn(post -> post.id().startsWith("forum:cafe"))
                .singleElement().satisfies(post -> {
                    assertThat(post.id()).isEqualTo("forum:cafe-utf8");
                    assertThat(post.text()).isEqualTo("Coffee at the café was lovely");
                });
    }

    private static long counter(String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static <T> T value(ConsumerRecord<byte[], byte[]> record, Class<T> type) {
        return Json.read(new String(record.value(), UTF_8), type);
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        return new String(record.headers().lastHeader(key).value(), UTF_8);
    }
}
