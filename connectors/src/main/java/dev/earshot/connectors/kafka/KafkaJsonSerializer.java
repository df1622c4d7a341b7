package dev.earshot.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.earshot.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a value as its canonical JSON, keyed by its id: Kafka keeps one key's versions in order on one partition,
 * and a compacted topic keeps the latest version of each alert or ticket.
 *
 * <p>The record's timestamp is when it is written, not the element's event time: a replay of old posts would
 * otherwise write records that the topic's time-based retention deletes at once.
 */
public final class KafkaJsonSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> key;

    public KafkaJsonSerializer(String topic, SerializableFunction<T, String> key) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        try {
            return new ProducerRecord<>(topic, null, null, key.apply(element).getBytes(StandardCharsets.UTF_8),
                    Json.mapper().writeValueAsBytes(element));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + element.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
