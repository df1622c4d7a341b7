package dev.earshot.connectors.serde;

/**
 * Recognises UTF-16 text that has no byte order mark by its NUL bytes: the ASCII characters that make most of a post
 * or a CSV (letters, digits, JSON's and CSV's punctuation) are a NUL and the character, so NULs fall on every second
 * byte, at odd positions in UTF-16LE (Windows' "Unicode") and even ones in UTF-16BE. UTF-8 text holds no NUL at all.
 */
public final class Utf16WithoutBom {

    private Utf16WithoutBom() {
    }

    /**
     * {@code "UTF-16LE"}, {@code "UTF-16BE"}, or null when the first {@code length} bytes do not look like either:
     * at least a quarter of them NUL, nine in ten of those on the same side of each byte pair.
     */
    public static String encodingOf(byte[] bytes, int length) {
        int even = 0;
        int odd = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) {
                    even++;
                } else {
                    odd++;
                }
            }
        }
        int nuls = even + odd;
        if (nuls * 4 < length || nuls == 0) {
            return null;
        }
        return odd * 10 >= nuls * 9 ? "UTF-16LE" : even * 10 >= nuls * 9 ? "UTF-16BE" : null;
    }

    /** Whether the first {@code length} bytes hold a NUL, which no text, and no JSON, does. */
    public static boolean holdsNul(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
