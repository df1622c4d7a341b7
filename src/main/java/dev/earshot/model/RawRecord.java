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
 * @param valueEncoding {@link DeadLetter#ONE_CHAR_PER_BYTE} when the value is the record's bytes read as ISO-8859-1
 *     because they are not UTF-8; absent (null) when the value is text. Passed on as the dead letter's
 *     {@link DeadLetter#rawEncoding()}, so that its original bytes can be written back
 */
public record RawRecord(String value, String origin, String unreadable, String valueEncoding) {

    /** A readable record. */
    public RawRecord(String value, String origin) {
        this(value, origin, null, null);
    }

    /** A record whose value is text. */
    public RawRecord(String value, String origin, String unreadable) {
        this(value, origin, unreadable, null);
    }
}
