package dev.earshot.connectors.kafka;

/**
 * One raw record as read, with where it came from, so that a rejected record's dead letter can say exactly where
 * it was: for Kafka the {@link KafkaOrigin} text {@code topic/partition/offset}.
 *
 * @param value the record's value decoded as UTF-8; empty for a record without a value
 * @param origin where the record came from
 */
public record RawRecord(String value, String origin) {
}
