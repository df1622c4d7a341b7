package dev.earshot.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.DeadLetter;
import dev.earshot.model.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {

    private static final Instant REJECTED = Instant.parse("2026-03-04T05:12:00Z");

    private final DeadLetterSerializer serializer = new DeadLetterSerializer("earshot.posts.dlq");

    @Test
    void theValueIsTheOriginalBytesAndTheOriginIsSplitIntoHeaders() {
        String raw = "{\"id\":\"bluesky:1\",\"text\":\"Towed AGAIN 😡\""; // truncated JSON, with an emoji
        DeadLetter letter = new DeadLetter(raw, "not valid JSON: Unexpected end-of-input", "parse",
                "earshot.posts/2/1234", REJECTED);

        ProducerRecord<byte[], byte[]> record = serializer.serialize(letter, null, 42L);

        assertThat(record.topic()).isEqualTo("earshot.posts.dlq");
        assertThat(record.key()).isNull();
        assertThat(record.timestamp()).as("stamped by the producer when written").isNull();
        assertThat(record.value()).isEqualTo(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(header(record, DeadLetterSerializer.REASON)).isEqualTo("not valid JSON: Unexpected end-of-input");
        assertThat(header(record, DeadLetterSerializer.STAGE)).isEqualTo("parse");
        assertThat(header(record, DeadLetterSerializer.ORIGIN)).isEqualTo("earshot.posts/2/1234");
        assertThat(header(record, DeadLetterSerializer.SOURCE_TOPIC)).isEqualTo("earshot.posts");
        assertThat(header(record, DeadLetterSerializer.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(record, DeadLetterSerializer.SOURCE_OFFSET)).isEqualTo("1234");
        assertThat(header(record, DeadLetterSerializer.REJECTED_AT)).isEqualTo("2026-03-04T05:12:00Z");
    }

    @Test
    void anOriginThatIsNoKafkaPositionIsKeptWholeWithoutPositionHeaders() {
        DeadLetter letter = new DeadLetter("[1,2]", "expected a JSON object, found array", "parse", "sample", REJECTED);

        ProducerRecord<byte[], byte[]> record = serializer.serialize(letter, null, null);

        assertThat(header(record, DeadLetterSerializer.ORIGIN)).isEqualTo("sample");
        assertThat(record.headers().headers(DeadLetterSerializer.SOURCE_TOPIC)).isEmpty();
        assertThat(record.headers().headers(DeadLetterSerializer.SOURCE_PARTITION)).isEmpty();
        assertThat(record.headers().headers(DeadLetterSerializer.SOURCE_OFFSET)).isEmpty();
    }

    @Test
    void aRecordThatIsNotUtf8GetsItsOriginalBytesBackEveryByteValueAndAByteOrderMarkIncluded() throws Exception {
        byte[] original = new byte[3 + 256];
        original[0] = (byte) 0xef;
        original[1] = (byte) 0xbb;
        original[2] = (byte) 0xbf;
        for (int b = 0; b < 256; b++) {
            original[3 + b] = (byte) b;
        }
        List<RawRecord> read = new ArrayList<>();
        PostRecordDeserializer.withOrigins().deserialize(new ConsumerRecord<>("earshot.posts", 0, 7, null, original),
                new ListCollector<>(read));
        RawRecord unreadable = read.get(0);
        DeadLetter letter = new DeadLetter(unreadable.value(), unreadable.unreadable(), "read", unreadable.origin(),
                REJECTED, unreadable.valueEncoding());

        ProducerRecord<byte[], byte[]> record = serializer.serialize(letter, null, null);

        assertThat(record.value()).isEqualTo(original);
        assertThat(header(record, DeadLetterSerializer.STAGE)).isEqualTo("read");
        assertThat(header(record, DeadLetterSerializer.REASON)).startsWith("the value is not valid UTF-8: byte 132 of its 259");
    }

    static String header(ProducerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
