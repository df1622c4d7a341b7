package dev.earshot.connectors.kafka;

import dev.earshot.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Writes a dead letter as the record that was rejected, so that it can be fixed and replayed as is: the value is
 * the original bytes (also of a record that is not UTF-8, see {@link DeadLetter#rawEncoding()}), and what went
 * wrong travels in headers (UTF-8 text, numbers in decimal). When the origin is
 * a {@link KafkaOrigin}, its topic, partition and offset get a header each; any other origin (a file) is still
 * kept whole in {@link #ORIGIN}.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    public static final String REASON = "earshot.dlq.reason";
    public static final String STAGE = "earshot.dlq.stage";
    public static final String ORIGIN = "earshot.dlq.origin";
    public static final String SOURCE_TOPIC = "earshot.dlq.source.topic";
    public static final String SOURCE_PARTITION = "earshot.dlq.source.partition";
    public static final String SOURCE_OFFSET = "earshot.dlq.source.offset";
    public static final String REJECTED_AT = "earshot.dlq.rejected.at";

    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        List<Header> headers = new ArrayList<>();
        add(headers, REASON, letter.reason());
        add(headers, STAGE, letter.stage());
        add(headers, ORIGIN, letter.origin());
        KafkaOrigin.parse(letter.origin()).ifPresent(origin -> {
            add(headers, SOURCE_TOPIC, origin.topic());
            add(headers, SOURCE_PARTITION, Integer.toString(origin.partition()));
            add(headers, SOURCE_OFFSET, Long.toString(origin.offset()));
        });
        if (letter.rejectedAt() != null) {
            add(headers, REJECTED_AT, letter.rejectedAt().toString());
        }
        // Stamped when written, like the other sinks' records (see KafkaJsonSerializer).
        return new ProducerRecord<>(topic, null, null, null, letter.rawBytes(), headers);
    }

    private static void add(List<Header> headers, String key, String value) {
        if (value != null) {
            headers.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
