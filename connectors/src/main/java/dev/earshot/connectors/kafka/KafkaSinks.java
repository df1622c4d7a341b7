package dev.earshot.connectors.kafka;

import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.PostChange;
import dev.earshot.model.TopicLocationStats;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Flink's {@link KafkaSink} for each of Earshot's outputs, configured from {@link KafkaOptions}. With
 * EXACTLY_ONCE (the default) each sink writes in Kafka transactions that commit when a Flink checkpoint completes:
 * consumers must read with {@code isolation.level=read_committed} (see connectors/README.md), and the job needs
 * checkpointing on, or nothing is committed before the input ends.
 *
 * <p>After a resume from a savepoint, on a broker with Kafka's transaction version 2 (a Kafka 4 cluster's default),
 * the connector logs "its producer is already fenced ... data loss" for each transaction the savepoint held: the
 * stop committed them, and the connector's second commit is refused. Nothing is lost; {@code KafkaSinkResumeITCase}
 * shows why and how to tell it from a real loss.
 */
public final class KafkaSinks {

    private KafkaSinks() {
    }

    public static KafkaSink<Alert> alerts(KafkaOptions options) {
        return json(options, options.alertsTopic(), "alerts", Alert::id);
    }

    public static KafkaSink<HandoffTicket> tickets(KafkaOptions options) {
        return json(options, options.ticketsTopic(), "tickets", HandoffTicket::id);
    }

    public static KafkaSink<TopicLocationStats> stats(KafkaOptions options) {
        return json(options, options.statsTopic(), "stats",
                stats -> stats.topic() + '|' + stats.locationId() + '|' + stats.windowStart());
    }

    public static KafkaSink<DeadLetter> deadLetters(KafkaOptions options) {
        return sink(options, "dead-letters", new DeadLetterSerializer(options.deadLetterTopic()));
    }

    /** Enriched posts keyed by post id, a deletion as a tombstone ({@link PostChangeSerializer}). */
    public static KafkaSink<PostChange> posts(KafkaOptions options, String topic) {
        return sink(options, "posts", new PostChangeSerializer(topic));
    }

    /**
     * Canonical JSON of any value keyed by {@code key}, e.g. enriched posts by post id.
     *
     * @param name distinguishes this sink's transactions from the other sinks' of the same job
     */
    public static <T> KafkaSink<T> json(KafkaOptions options, String topic, String name, SerializableFunction<T, String> key) {
        return sink(options, name, new KafkaJsonSerializer<>(topic, key));
    }

    private static <T> KafkaSink<T> sink(KafkaOptions options, String name, KafkaRecordSerializationSchema<T> serializer) {
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(options.deliveryGuarantee())
                // Transactional ids must be unique per sink on the cluster, or sinks fence each other off.
                .setTransactionalIdPrefix(options.transactionalIdPrefix() + "-" + name)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(options.transactionTimeout().toMillis()));
        options.clientProperties().forEach(builder::setProperty);
        return builder.build();
    }
}
