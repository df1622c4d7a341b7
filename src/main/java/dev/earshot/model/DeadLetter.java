package dev.earshot.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record Earshot could not use, kept with the reason so that nothing is lost silently.
 *
 * @param raw the record exactly as received
 * @param reason what is wrong with it, in words that say what to fix
 * @param stage where it was rejected, e.g. {@code parse}
 * @param origin where it came from: a file and line, a topic, partition and offset
 * @param rejectedAt processing time of the rejection
 * @param rawEncoding {@link #ONE_CHAR_PER_BYTE} when the record's bytes are not text (not UTF-8) and {@code raw} holds
 *     them read as ISO-8859-1, one character per byte; absent (null) when {@code raw} is the record's text. Encoding
 *     {@code raw} in this charset, UTF-8 when absent, gives back the original bytes (see {@link #rawBytes()})
 */
public record DeadLetter(String raw, String reason, String stage, String origin, Instant rejectedAt, String rawEncoding) {

    /** The charset in which each character is one byte, its code. */
    public static final String ONE_CHAR_PER_BYTE = "ISO-8859-1";

    public DeadLetter {
        if (rawEncoding != null && !rawEncoding.equals(ONE_CHAR_PER_BYTE)) {
            throw new IllegalArgumentException("rawEncoding is '" + rawEncoding + "': it must be absent (raw is text) or "
                    + ONE_CHAR_PER_BYTE + " (raw holds the original bytes, one character per byte)");
        }
    }

    /** A dead letter whose raw is the record's text. */
    public DeadLetter(String raw, String reason, String stage, String origin, Instant rejectedAt) {
        this(raw, reason, stage, origin, rejectedAt, null);
    }

    /** The record's original bytes; null when there is no raw. */
    public byte[] rawBytes() {
        return raw == null ? null : raw.getBytes(rawEncoding == null ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
}
