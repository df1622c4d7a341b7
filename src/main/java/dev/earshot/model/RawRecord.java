package dev.earshot.model;

/**
 * One raw record as read, with where it came from, so that a rejected record's dead letter can say exactly where
 * it was: a file name, or for Kafka {@code topic/partition/offset}.
 *
 * @param value the record's value decoded as UTF-8; empty for a record without a value
 * @param origin where the record came from
 */
public record RawRecord(String value, String origin) {
}
