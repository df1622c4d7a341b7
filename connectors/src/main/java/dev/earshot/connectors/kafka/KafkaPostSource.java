package dev.earshot.connectors.kafka;

import dev.earshot.model.RawRecord;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Flink's {@link KafkaSource} over the posts topic. A job starts from its group's committed offsets (committed at
 * each checkpoint), or from the earliest record on first start. It reads only committed records, so that posts
 * written by a transactional producer are seen once.
 */
public final class KafkaPostSource {

    private KafkaPostSource() {
    }

    /** Each record's value with its origin, {@code topic/partition/offset}. */
    public static KafkaSource<RawRecord> withOrigins(KafkaOptions options) {
        return build(options, PostRecordDeserializer.withOrigins());
    }

    /** Each record's value, for today's {@code Source<String>} pipeline. */
    public static KafkaSource<String> values(KafkaOptions options) {
        return build(options, PostRecordDeserializer.values());
    }

    private static <T> KafkaSource<T> build(KafkaOptions options, KafkaRecordDeserializationSchema<T> deserializer) {
        KafkaSourceBuilder<T> builder = KafkaSource.<T>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setTopics(options.postsTopic())
                .setGroupId(options.groupId())
                // Kafka 4 deprecates OffsetResetStrategy, but it is what this connector version's API takes.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer)
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (options.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        options.clientProperties().forEach(builder::setProperty);
        return builder.build();
    }
}
