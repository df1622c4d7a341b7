import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What bench/cluster/run.sh asks of Kafka, with the kafka-clients of Earshot's classpath.
 * <pre>
 * java KafkaTool.java count BROKERS TOPIC...      prints "topic count": the records a read_committed consumer sees
 *                                                 (what Earshot's exactly-once outputs committed), read to the end
 * java KafkaTool.java produce BROKERS TOPIC FILE  one record per line of FILE (.gz read as gzip), without a key
 * </pre>
 */
public class KafkaTool {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("produce")) {
            produce(args[1], args[2], Path.of(args[3]));
        } else {
            count(args[1], List.of(args).subList(2, args.length));
        }
    }

    static void produce(String brokers, String topic, Path file) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
                BufferedReader lines = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
                        ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file),
                        StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                producer.send(new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8)));
                sent++;
            }
        }
        System.out.println(topic + " " + sent + " produced");
    }

    static void count(String brokers, List<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            for (String topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long count = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                // endOffsets is the last stable offset for read_committed: records of open transactions are not counted.
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(topic + ": not read to its end within 60s");
                    }
                    count += consumer.poll(Duration.ofMillis(500)).count();
                }
                System.out.println(topic + " " + count);
            }
        }
    }
}
