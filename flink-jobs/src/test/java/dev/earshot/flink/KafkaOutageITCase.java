package dev.earshot.flink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.kafka.LocalKafka;
import dev.earshot.connectors.kafka.KafkaOptions;
import dev.earshot.connectors.kafka.KafkaPostSource;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TopicLocationStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away in the middle of a Kafka-to-Kafka run and comes back. The job fails, Flink restarts it from
 * its last checkpoint until the broker answers again, and a read_committed consumer then finds every output of the
 * run exactly once: what was committed before the outage is not written again, and nothing is missing.
 */
class KafkaOutageITCase {

    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @TempDir
    static Path files;

    static LocalKafka kafka;
    static KafkaOptions options;

    @BeforeAll
    static void runTheSampleWhileTheBrokerGoesAwayAndComesBack() throws Exception {
        kafka = LocalKafka.start();
        options = KafkaOptions.builder().bootstrapServers(kafka.bootstrapServers()).bounded(true).build();
        kafka.createTopic(options.postsTopic(), 2);
        for (String topic : List.of(options.deadLetterTopic(), options.alertsTopic(), options.ticketsTopic(), options.statsTopic())) {
            kafka.createTopic(topic, 1);
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<String> lines = BundledSample.lines();
        for (int i = 0; i < lines.size(); i++) {
            records.add(new ProducerRecord<>(options.postsTopic(), i % 2, null, lines.get(i).getBytes(UTF_8)));
        }
        kafka.send(records);

        StreamExecutionEnvironment env = OutageRuns.restartingEnvironment();
        new EarshotJob(EarshotConfig.defaults(), RecordSource.withOrigins(KafkaPostSource.withOrigins(options),
                options.postsTopic()), List.of(KafkaEarshotSinks.of(options), EarshotSinks.jsonLines(files))).build(env);

        JobClient job = env.executeAsync("earshot while the broker restarts");
        while (kafka.readAll(options.statsTopic(), "read_committed").isEmpty()) {
            Thread.sleep(200);
        }
        long down = System.nanoTime();
        kafka.stopBroker();
        Thread.sleep(OUTAGE.toMillis());
        kafka.restartBroker();
        System.out.printf("The broker was away for %.1f s%n", (System.nanoTime() - down) / 1e9);
        // Throws, failing every test, unless the job recovered and finished.
        OutageRuns.awaitResult(job, Duration.ofMinutes(5));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void everyWindowIsCommittedOnceAndNoneIsMissing() {
        List<String> committed = committed(options.statsTopic());
        Map<String, TopicLocationStats> windows = OutageRuns.latestInFile(files, EarshotSinks.STATS, TopicLocationStats.class,
                KafkaOutageITCase::windowKey);

        assertThat(committed).doesNotHaveDuplicates();
        assertThat(committed.stream().map(json -> windowKey(Json.read(json, TopicLocationStats.class))).distinct())
                .containsExactlyInAnyOrderElementsOf(windows.keySet());
    }

    @Test
    void everyAlertAndTicketVersionIsCommittedOnceEndingInItsLatestVersion() {
        for (String topic : List.of(options.alertsTopic(), options.ticketsTopic())) {
            assertThat(committed(topic)).as(topic).isNotEmpty().doesNotHaveDuplicates();
        }
        assertThat(lastCommitted(options.alertsTopic(), Alert.class, Alert::id))
                .isEqualTo(OutageRuns.latestInFile(files, EarshotSinks.ALERTS, Alert.class, Alert::id));
        assertThat(lastCommitted(options.ticketsTopic(), HandoffTicket.class, HandoffTicket::id))
                .isEqualTo(OutageRuns.latestInFile(files, EarshotSinks.TICKETS, HandoffTicket.class, HandoffTicket::id));
    }

    private static String windowKey(TopicLocationStats stats) {
        return stats.topic() + "|" + stats.locationId() + "|" + stats.windowStart() + "|" + stats.windowEnd();
    }

    private static List<String> committed(String topic) {
        return kafka.readAll(topic, "read_committed").stream().map(record -> new String(record.value(), UTF_8)).toList();
    }

    private static <T> Map<String, T> lastCommitted(String topic, Class<T> type, Function<T, String> id) {
        return OutageRuns.latestById(committed(topic), type, id);
    }
}
