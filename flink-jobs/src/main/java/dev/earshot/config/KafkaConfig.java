package dev.earshot.config;

import dev.earshot.connectors.kafka.KafkaOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * {@code kafka} as a user writes it: only the brokers are required; every topic and delivery setting falls back
 * to {@link KafkaOptions}' defaults. Used when {@code input.kind} is {@code kafka} or {@code output.to} lists it.
 *
 * <pre>{@code
 * kafka: { bootstrapServers: kafka:9092 }
 * }</pre>
 */
public record KafkaConfig(
        String bootstrapServers,
        String postsTopic,
        String deadLetterTopic,
        String alertsTopic,
        String ticketsTopic,
        String statsTopic,
        String enrichedPostsTopic,
        String groupId,
        DeliveryGuarantee deliveryGuarantee,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        Map<String, String> clientProperties) implements Serializable {

    /**
     * Checks each value given, as {@link EarshotConfig} loads it (a compact constructor sees no fields yet), so that
     * {@code config FILE} refuses what {@code run} would, such as {@code http://host:9092}.
     */
    void check() {
        try {
            builder();
        } catch (NullPointerException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Builds the connectors' options, which name the offending {@code kafka.*} key when a value is wrong. */
    public KafkaOptions toOptions() {
        try {
            return builder().build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** The options' builder with every key set here; each setter throws naming its key when the value is wrong. */
    private KafkaOptions.Builder builder() {
        KafkaOptions.Builder builder = KafkaOptions.builder();
        if (bootstrapServers != null) {
            builder.bootstrapServers(bootstrapServers);
        }
        if (postsTopic != null) {
            builder.postsTopic(postsTopic);
        }
        if (deadLetterTopic != null) {
            builder.deadLetterTopic(deadLetterTopic);
        }
        if (alertsTopic != null) {
            builder.alertsTopic(alertsTopic);
        }
        if (ticketsTopic != null) {
            builder.ticketsTopic(ticketsTopic);
        }
        if (statsTopic != null) {
            builder.statsTopic(statsTopic);
        }
        if (enrichedPostsTopic != null) {
            builder.enrichedPostsTopic(enrichedPostsTopic);
        }
        if (groupId != null) {
            builder.groupId(groupId);
        }
        if (deliveryGuarantee != null) {
            builder.deliveryGuarantee(deliveryGuarantee);
        }
        if (transactionalIdPrefix != null) {
            builder.transactionalIdPrefix(transactionalIdPrefix);
        }
        if (transactionTimeout != null) {
            builder.transactionTimeout(transactionTimeout);
        }
        if (clientProperties != null) {
            clientProperties.forEach(builder::clientProperty);
        }
        return builder;
    }
}
