package dev.earshot.connectors.kafka;

import dev.earshot.json.Json;
import dev.earshot.model.PostChange;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Enriched posts on a topic keyed by post id, in Kafka's own terms for changes: a version (first or edited) is the
 * enriched post's canonical JSON, a deletion is a tombstone (the key, a null value). A consumer replaces what it
 * keeps under the key, or removes it on a tombstone; a compacted topic itself forgets a deleted post's versions.
 */
public final class PostChangeSerializer implements KafkaRecordSerializationSchema<PostChange> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public PostChangeSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(PostChange change, KafkaSinkContext context, Long timestamp) {
        byte[] key = change.postId().getBytes(StandardCharsets.UTF_8);
        byte[] value = change.post() == null ? null : Json.write(change.post()).getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, null, key, value);
    }
}
