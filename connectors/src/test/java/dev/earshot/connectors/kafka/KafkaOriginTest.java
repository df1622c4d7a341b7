package dev.earshot.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KafkaOriginTest {

    @Test
    void roundTripsThroughItsTextForm() {
        KafkaOrigin origin = new KafkaOrigin("earshot.posts", 2, 1234);

        assertThat(origin).hasToString("earshot.posts/2/1234");
        assertThat(KafkaOrigin.parse(origin.toString())).contains(origin);
    }

    @Test
    void anOriginOfAnotherFormIsNotAKafkaOrigin() {
        assertThat(KafkaOrigin.parse("sample")).isEmpty();
        assertThat(KafkaOrigin.parse("/data/posts.jsonl.gz")).isEmpty();
        assertThat(KafkaOrigin.parse("/2/3")).isEmpty();
        assertThat(KafkaOrigin.parse("earshot.posts/two/3")).isEmpty();
        assertThat(KafkaOrigin.parse("earshot.posts/-1/3")).isEmpty();
        assertThat(KafkaOrigin.parse("a/b/2/3")).isEmpty();
        assertThat(KafkaOrigin.parse(null)).isEmpty();
    }

    @Test
    void rejectsWhatNoKafkaRecordHas() {
        assertThatThrownBy(() -> new KafkaOrigin("a/b", 0, 0)).hasMessageContaining("not a Kafka topic name");
        assertThatThrownBy(() -> new KafkaOrigin("posts", 0, -1)).hasMessageContaining(">= 0");
    }
}
