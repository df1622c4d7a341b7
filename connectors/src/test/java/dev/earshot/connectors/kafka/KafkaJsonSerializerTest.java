package dev.earshot.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaJsonSerializerTest {

    static Alert alert(String id, AlertStatus status) {
        Instant end = Instant.parse("2026-03-04T08:00:00Z");
        return new Alert(id, AlertKind.PEER_OUTLIER, status, "parking", "geonames:1277333", "Bengaluru",
                end.minusSeconds(7200), end, end, 0.62, 0.2, 3.1, 1.6, 5.2, 41, 7, List.of("bluesky:1", "bluesky:2"),
                "Parking posts in Bengaluru are 3.1x more negative than in other cities");
    }

    @Test
    void writesCanonicalJsonKeyedByTheId() {
        Alert alert = alert("alert-7", AlertStatus.OPEN);

        ProducerRecord<byte[], byte[]> record = new KafkaJsonSerializer<>("earshot.alerts", Alert::id)
                .serialize(alert, null, alert.windowEnd().toEpochMilli());

        assertThat(record.topic()).isEqualTo("earshot.alerts");
        // Not the event time: old events replayed would fall out of the topic's retention at once.
        assertThat(record.timestamp()).isNull();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("alert-7");
        String json = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(Json.write(alert));
        assertThat(Json.read(json, Alert.class)).isEqualTo(alert);
    }
}
