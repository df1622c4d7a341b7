package dev.earshot.connectors.serde;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Reads bytes as UTF-8 without altering them silently: text that is not valid UTF-8 is reported with its first bad
 * byte, rather than decoded with U+FFFD in place of its bytes. Text that is valid UTF-8 and holds U+FFFD itself (it
 * was sent that way) is readable.
 */
public final class Utf8 {

    /**
     * Bytes as read.
     *
     * @param text the bytes decoded as UTF-8; when they are not valid UTF-8, read as ISO-8859-1 instead, which keeps
     *     every byte (the byte is the character's code)
     * @param malformedAt the index of the first byte that is not valid UTF-8, or -1 when the bytes are valid
     */
    public record Decoded(String text, int malformedAt) {

        public boolean valid() {
            return malformedAt < 0;
        }
    }

    private Utf8() {
    }

    public static Decoded decode(byte[] bytes) {
        return decode(bytes, bytes.length);
    }

    /** The first {@code length} bytes. */
    public static Decoded decode(byte[] bytes, int length) {
        String decoded = new String(bytes, 0, length, StandardCharsets.UTF_8);
        // The decoder's replacement is the only U+FFFD a valid text does not hold itself: check only then.
        int malformed = decoded.indexOf('\uFFFD') < 0 ? -1 : firstMalformedByte(bytes, length);
        return malformed < 0 ? new Decoded(decoded, -1)
                : new Decoded(new String(bytes, 0, length, StandardCharsets.ISO_8859_1), malformed);
    }

    /** The index of the first byte that is not valid UTF-8, or -1; a sequence cut at the end counts as malformed. */
    private static int firstMalformedByte(byte[] bytes, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(length), true);
        return result.isError() ? in.position() : -1;
    }
}
