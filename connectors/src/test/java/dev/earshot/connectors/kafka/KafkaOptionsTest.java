package dev.earshot.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class KafkaOptionsTest {

    @Test
    void everyOptionButTheServersHasADefault() {
        KafkaOptions options = KafkaOptions.builder().bootstrapServers("kafka:9092").build();

        assertThat(options.postsTopic()).isEqualTo("earshot.posts");
        assertThat(options.deadLetterTopic()).isEqualTo("earshot.posts.dlq");
        assertThat(options.alertsTopic()).isEqualTo("earshot.alerts");
        assertThat(options.ticketsTopic()).isEqualTo("earshot.tickets");
        assertThat(options.statsTopic()).isEqualTo("earshot.window-stats");
        assertThat(options.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(options.transactionTimeout()).isLessThan(KafkaOptions.MAX_TRANSACTION_TIMEOUT);
        assertThat(options.bounded()).isFalse();
        assertThat(options.clientProperties()).isEmpty();
    }

    @Test
    void badValuesAreRejectedWithTheOptionAndAnExample() {
        KafkaOptions.Builder builder = KafkaOptions.builder();

        assertThatThrownBy(builder::build).hasMessage("kafka.bootstrapServers is required; e.g. localhost:9092");
        assertThatThrownBy(() -> builder.bootstrapServers("kafka"))
                .hasMessageStartingWith("kafka.bootstrapServers must be host:port[,host:port...], was 'kafka'");
        assertThatThrownBy(() -> builder.alertsTopic("earshot alerts"))
                .hasMessageStartingWith("kafka.alertsTopic must be a Kafka topic name");
        assertThatThrownBy(() -> builder.transactionTimeout(Duration.ofHours(1)))
                .hasMessageContaining("kafka.transactionTimeout must be more than 0 and at most 15m");
        assertThatThrownBy(() -> builder.transactionTimeout(Duration.ZERO))
                .hasMessageContaining("kafka.transactionTimeout");
        assertThatThrownBy(() -> builder.transactionalIdPrefix(" ")).hasMessageStartingWith("kafka.transactionalIdPrefix");
    }

    @Test
    void acceptsSeveralServersAndClientProperties() {
        KafkaOptions options = KafkaOptions.builder().bootstrapServers("k1:9092,k2.internal:9093")
                .clientProperty("security.protocol", "SSL").build();

        assertThat(options.clientProperties()).containsEntry("security.protocol", "SSL");
    }
}
