package dev.earshot.connectors.kafka;

import dev.earshot.model.RawRecord;

import static dev.earshot.connectors.kafka.KafkaJsonSerializerTest.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.Author;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.Post;
import dev.earshot.model.SentimentLabel;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import dev.earshot.model.TicketStatus;
import dev.earshot.parse.ParseParams;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Kafka source and sinks against a real broker in this JVM, in Flink jobs on a MiniCluster. */
class KafkaConnectorsITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static LocalKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.start();
        System.out.printf("Embedded Kafka broker (KRaft, combined) started in %d ms%n", kafka.startUp().toMillis());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void theSourceReadsPostsAndMalformedRecordsLandInTheDeadLetterTopicWithTheirOriginalBytes() throws Exception {
        KafkaOptions options = options("posts-a").postsTopic("posts-a").deadLetterTopic("posts-a.dlq").bounded(true).build();
        kafka.createTopic(options.postsTopic(), 2);
        kafka.createTopic(options.deadLetterTopic(), 1);
        List<String> posts = IntStream.range(0, 6).mapToObj(KafkaConnectorsITCase::post).toList();
        String truncated = "{\"id\":\"bluesky:x\",\"text\":\"Towed AGAIN 😡";
        String notJson = "Towed again, fix parking!";
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        posts.forEach(post -> records.add(value(options.postsTopic(), 0, post)));
        records.add(value(options.postsTopic(), 1, posts.get(0)));
        records.add(value(options.postsTopic(), 1, truncated));
        records.add(value(options.postsTopic(), 1, notJson));
        kafka.send(records);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        SingleOutputStreamOperator<Post> parsed = env
                .fromSource(KafkaPostSource.withOrigins(options), WatermarkStrategy.noWatermarks(), "posts")
                .process(new Parse(), JsonTypeInfo.of(Post.class));
        parsed.getSideOutput(Parse.REJECTED).sinkTo(KafkaSinks.deadLetters(options));
        List<Post> read = new ArrayList<>();
        try (CloseableIterator<Post> results = parsed.collectAsync()) {
            env.execute("kafka source and dead letters");
            results.forEachRemaining(read::add);
        }

        assertThat(read).extracting(Post::id).containsExactlyInAnyOrder(
                "bluesky:0", "bluesky:1", "bluesky:2", "bluesky:3", "bluesky:4", "bluesky:5", "bluesky:0");
        List<ConsumerRecord<byte[], byte[]>> dlq = kafka.readAll(options.deadLetterTopic(), "read_committed");
        assertThat(dlq).hasSize(2);
        Map<String, ConsumerRecord<byte[], byte[]>> byValue = dlq.stream()
                .collect(Collectors.toMap(r -> new String(r.value(), StandardCharsets.UTF_8), Function.identity()));
        ConsumerRecord<byte[], byte[]> truncatedLetter = byValue.get(truncated);
        assertThat(truncatedLetter.value()).isEqualTo(truncated.getBytes(StandardCharsets.UTF_8));
        assertThat(header(truncatedLetter, DeadLetterSerializer.REASON)).startsWith("not valid JSON");
        assertThat(header(truncatedLetter, DeadLetterSerializer.SOURCE_TOPIC)).isEqualTo("posts-a");
        assertThat(header(truncatedLetter, DeadLetterSerializer.SOURCE_PARTITION)).isEqualTo("1");
        assertThat(header(truncatedLetter, DeadLetterSerializer.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(truncatedLetter, DeadLetterSerializer.ORIGIN)).isEqualTo("posts-a/1/1");
        assertThat(header(byValue.get(notJson), DeadLetterSerializer.SOURCE_OFFSET)).isEqualTo("2");
        assertThat(header(byValue.get(notJson), DeadLetterSerializer.STAGE)).isEqualTo("parse");
    }

    @Test
    void alertsAndTicketsAreWrittenAsCanonicalJsonKeyedByTheirIds() throws Exception {
        KafkaOptions options = options("keyed").alertsTopic("keyed.alerts").ticketsTopic("keyed.tickets").build();
        kafka.createTopic(options.alertsTopic(), 2);
        kafka.createTopic(options.ticketsTopic(), 2);
        List<Alert> alerts = List.of(alert("alert-1", AlertStatus.OPEN), alert("alert-2", AlertStatus.OPEN),
                alert("alert-1", AlertStatus.UPDATED), alert("alert-1", AlertStatus.RESOLVED));
        HandoffTicket ticket = ticket("ticket-1");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(200);
        env.fromData(JsonTypeInfo.of(Alert.class), alerts.toArray(Alert[]::new)).setParallelism(1)
                .sinkTo(KafkaSinks.alerts(options)).setParallelism(1);
        env.fromData(JsonTypeInfo.of(HandoffTicket.class), ticket).setParallelism(1)
                .sinkTo(KafkaSinks.tickets(options)).setParallelism(1);
        env.execute("kafka sinks");

        List<ConsumerRecord<byte[], byte[]>> alertRecords = kafka.readAll(options.alertsTopic(), "read_committed");
        assertThat(alertRecords).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("alert-1", "alert-2", "alert-1", "alert-1");
        assertThat(alertRecords).extracting(r -> Json.read(new String(r.value(), StandardCharsets.UTF_8), Alert.class))
                .containsExactlyInAnyOrderElementsOf(alerts);
        // One key, one partition, in order: a consumer sees an incident's versions as they happened.
        assertThat(alertRecords).filteredOn(r -> new String(r.key(), StandardCharsets.UTF_8).equals("alert-1"))
                .extracting(r -> Json.read(new String(r.value(), StandardCharsets.UTF_8), Alert.class).status())
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.RESOLVED);
        List<ConsumerRecord<byte[], byte[]>> ticketRecords = kafka.readAll(options.ticketsTopic(), "read_committed");
        assertThat(ticketRecords).hasSize(1);
        assertThat(new String(ticketRecords.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("ticket-1");
        assertThat(Json.read(new String(ticketRecords.get(0).value(), StandardCharsets.UTF_8), HandoffTicket.class))
                .isEqualTo(ticket);
    }

    @Test
    void withExactlyOnceAReadCommittedConsumerSeesRecordsOnlyAfterACheckpoint(
            @InjectClusterClient ClusterClient<?> cluster) throws Exception {
        KafkaOptions options = options("eos").postsTopic("eos.in").alertsTopic("eos.alerts").build();
        kafka.createTopic(options.postsTopic(), 1);
        kafka.createTopic(options.alertsTopic(), 1);
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> "alert-" + i).toList();
        kafka.send(ids.stream().map(id -> value(options.postsTopic(), 0, Json.write(alert(id, AlertStatus.OPEN)))).toList());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // No periodic checkpoint during the test: the test triggers the one that commits.
        env.enableCheckpointing(Duration.ofHours(1).toMillis());
        env.fromSource(KafkaPostSource.values(options), WatermarkStrategy.noWatermarks(), "alerts in")
                .map(json -> Json.read(json, Alert.class), JsonTypeInfo.of(Alert.class))
                .sinkTo(KafkaSinks.alerts(options));
        JobClient job = env.executeAsync("exactly once");
        try {
            // The records are in Kafka, in a transaction that is still open...
            awaitRecords(options.alertsTopic(), "read_uncommitted", ids.size());
            assertThat(kafka.readAll(options.alertsTopic(), "read_committed")).isEmpty();

            // ...until a checkpoint completes and the sink commits the transaction.
            cluster.triggerCheckpoint(job.getJobID(), CheckpointType.DEFAULT).get();
            awaitRecords(options.alertsTopic(), "read_committed", ids.size());
        } finally {
            job.cancel().get();
        }

        assertThat(kafka.readAll(options.alertsTopic(), "read_committed"))
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactlyElementsOf(ids);
    }

    private static void awaitRecords(String topic, String isolationLevel, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (kafka.readAll(topic, isolationLevel).size() < count) {
            assertThat(System.nanoTime()).as("%d records in %s within 30 s", count, topic).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static KafkaOptions.Builder options(String test) {
        return KafkaOptions.builder().bootstrapServers(kafka.bootstrapServers())
                .groupId("test-" + test).transactionalIdPrefix("test-" + test);
    }

    static String post(int i) {
        return "{\"id\":\"bluesky:" + i + "\",\"source\":\"bluesky\",\"createdAt\":\"2026-03-04T05:1" + i + ":00Z\","
                + "\"text\":\"Towed AGAIN near MG Road in Bangalore 😡 #parking\",\"author\":{\"id\":\"did:plc:x" + i + "\"}}";
    }

    private static ProducerRecord<byte[], byte[]> value(String topic, int partition, String value) {
        return new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static HandoffTicket ticket(String id) {
        Instant at = Instant.parse("2026-03-04T05:12:00Z");
        return new HandoffTicket(id, "bluesky|did:plc:x1|CityCareDesk", TicketStatus.OPEN, "bluesky",
                new Author("did:plc:x1", "ramesh", 120, "Bangalore, India"), "CityCareDesk",
                List.of(new TicketPost("bluesky:1", at, "@CityCareDesk towed AGAIN 😡", null, -0.8, SentimentLabel.NEGATIVE)),
                List.of("parking"), null, List.of(-0.8), TicketPriority.HIGH, List.of(), List.of("negative post to @CityCareDesk"),
                at, at);
    }

    /** The pipeline's parse stage in miniature: the core parser, and a dead letter naming the record's origin. */
    private static final class Parse extends ProcessFunction<RawRecord, Post> {

        static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected", JsonTypeInfo.of(DeadLetter.class));

        private transient PostParser parser;

        @Override
        public void open(OpenContext context) {
            parser = new PostParser(ParseParams.defaults());
        }

        @Override
        public void processElement(RawRecord record, Context ctx, Collector<Post> out) {
            for (ParseResult result : parser.parse(record.value())) {
                if (result instanceof ParseResult.Valid valid) {
                    out.collect(valid.post());
                } else if (result instanceof ParseResult.Invalid invalid) {
                    ctx.output(REJECTED, new DeadLetter(invalid.raw(), invalid.reason(), "parse", record.origin(), Instant.now()));
                }
            }
        }
    }
}
