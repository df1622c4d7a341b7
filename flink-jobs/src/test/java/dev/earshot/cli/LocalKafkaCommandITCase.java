package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.LocalPorts;
import dev.earshot.connectors.kafka.KafkaOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot local kafka} in this JVM: a broker clients can use, with Earshot's topics, that keeps them across a restart. */
class LocalKafkaCommandITCase {

    private static final String POST = "{\"id\":\"test:1\",\"source\":\"test\",\"createdAt\":\"2026-03-04T05:12:00Z\","
            + "\"text\":\"Towed again\",\"author\":{\"id\":\"a1\"}}";

    @TempDir
    Path dir;

    @Test
    void servesEarshotsTopicsLoadsTheSampleAndKeepsThemAcrossARestart() throws Exception {
        int port = LocalPorts.free();
        String bootstrap = "localhost:" + port;

        RunningLocalService first = start(port, "--load-sample");
        assertThat(first.output()).contains("bootstrapServers: " + bootstrap, "(created)",
                String.format("produced the bundled sample into earshot.posts: %,d records", sampleLines()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get()).containsAll(LocalCommand.TOPICS.keySet());
            assertThat(admin.describeTopics(List.of(KafkaOptions.POSTS_TOPIC)).allTopicNames().get()
                    .get(KafkaOptions.POSTS_TOPIC).partitions()).hasSize(2);
        }
        produce(bootstrap, KafkaOptions.ALERTS_TOPIC, POST);
        assertThat(read(bootstrap, KafkaOptions.ALERTS_TOPIC)).containsExactly(POST);
        assertThat(first.stop()).isZero();
        assertThat(first.output()).contains("Kafka stopped; its data stays in");

        RunningLocalService second = start(port, "--load-sample");
        assertThat(second.output()).contains("all kept from the last run",
                String.format("earshot.posts holds %,d records already", sampleLines()));
        assertThat(read(bootstrap, KafkaOptions.ALERTS_TOPIC)).containsExactly(POST);
        assertThat(second.stop()).isZero();
    }

    /** Runs the command on another thread and returns once it says the broker is ready. */
    private RunningLocalService start(int port, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--dir", dir.toString()));
        args.addAll(List.of(options));
        return RunningLocalService.start(new LocalCommand.Kafka(), "Ctrl-C stops the broker", Duration.ofSeconds(90),
                args.toArray(String[]::new));
    }

    private static void produce(String bootstrap, String topic, String value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value));
        }
    }

    private static List<String> read(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }

    /** The bundled sample's lines, counted here rather than by the code under test. */
    private static long sampleLines() throws Exception {
        try (InputStream sample = new GZIPInputStream(LocalRun.bundledSample())) {
            return new String(sample.readAllBytes(), StandardCharsets.ISO_8859_1).lines().count();
        }
    }
}
