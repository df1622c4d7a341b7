package dev.earshot.connectors.kafka;

import dev.earshot.model.RawRecord;

import dev.earshot.connectors.serde.JsonTypeInfo;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.flink.util.Collector;

/**
 * Hands a record's value to the pipeline as text, unparsed: the pipeline's parse stage validates it and
 * dead-letters what is malformed. Nothing is dropped here, not even a record without a value (it becomes an
 * empty text, which the parser rejects as an empty record).
 */
public final class PostRecordDeserializer {

    private PostRecordDeserializer() {
    }

    /** Each value with its {@link KafkaOrigin}, for a pipeline whose dead letters name the partition and offset. */
    public static KafkaRecordDeserializationSchema<RawRecord> withOrigins() {
        return new WithOrigins();
    }

    /** Just each value: what today's {@code Source<String>} pipeline reads. */
    public static KafkaRecordDeserializationSchema<String> values() {
        return new Values();
    }

    static String text(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    }

    static KafkaOrigin origin(ConsumerRecord<?, ?> record) {
        return new KafkaOrigin(record.topic(), record.partition(), record.offset());
    }

    private static final class WithOrigins implements KafkaRecordDeserializationSchema<RawRecord> {

        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
            out.collect(new RawRecord(text(record), origin(record).toString()));
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return JsonTypeInfo.of(RawRecord.class);
        }
    }

    private static final class Values implements KafkaRecordDeserializationSchema<String> {

        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
            out.collect(text(record));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
