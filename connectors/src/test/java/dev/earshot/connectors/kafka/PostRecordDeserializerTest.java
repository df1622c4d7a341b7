package dev.earshot.connectors.kafka;

import dev.earshot.model.RawRecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PostRecordDeserializerTest {

    private static final String POST = "{\"id\":\"bluesky:1\",\"text\":\"Towed AGAIN 😡\"}";

    @Test
    void keepsTheValueTextAndWhereItCameFrom() throws Exception {
        List<RawRecord> out = new ArrayList<>();

        PostRecordDeserializer.withOrigins().deserialize(record(POST.getBytes(StandardCharsets.UTF_8)), collector(out));

        assertThat(out).containsExactly(new RawRecord(POST, "earshot.posts/3/99"));
    }

    @Test
    void aRecordWithoutValueIsPassedOnAsEmptyForTheParserToReject() throws Exception {
        List<String> out = new ArrayList<>();

        PostRecordDeserializer.values().deserialize(record(null), collector(out));

        assertThat(out).containsExactly("");
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("earshot.posts", 3, 99, null, value);
    }

    private static <T> Collector<T> collector(List<T> out) {
        return new Collector<>() {
            @Override
            public void collect(T record) {
                out.add(record);
            }

            @Override
            public void close() {
            }
        };
    }
}
