package dev.earshot.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

    static String header(ProducerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
