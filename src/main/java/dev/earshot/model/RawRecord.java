package dev.earshot.model;

/**
 * One raw record as read, with where it came from, so that a rejected record's dead letter can say exactly where
 * it was: a file name and line, or for Kafka {@code topic/partition/offset}.
 *
 * @param value the record's value decoded as UTF-8; empty for a record without a value. For an unreadable record,
 *     its bytes as best they could be decoded (the reason says how)
 * @param origin where the record came from
 * @param unreadable why the bytes could not be read as a record (a damaged file, text that is not UTF-8), in words
 *     that say what to fix; null for a readable record. The parse stage makes an unreadable record a dead letter
 */
public record RawRecord(String value, String origin, String unreadable) {

    /** A readable record. */
    public RawRecord(String value, String origin) {
        this(value, origin, null);
    }
}
