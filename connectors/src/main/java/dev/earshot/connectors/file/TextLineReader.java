package dev.earshot.connectors.file;

import dev.earshot.connectors.serde.Utf16WithoutBom;
import dev.earshot.connectors.serde.Utf8;
import dev.earshot.model.DeadLetter;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.io.compression.InflaterInputStreamFactory;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a text file line by line so that nothing readable is lost and nothing is silently altered:
 * <ul>
 *   <li>gzip is recognised by its first bytes, whatever the name; other compressions by extension, as Flink's file
 *       source does (.deflate, .bz2, .xz). A file named .gz that is not gzip is read as plain text if it is.
 *   <li>A compressed stream that ends early or is damaged ends the file with one unreadable line saying after which
 *       line, keeping the cut line's bytes; the lines before it are read.
 *   <li>A UTF-8 byte order mark is dropped; a UTF-16 one makes the file decoded as UTF-16.
 *   <li>A line that is not valid UTF-8 (such as Latin-1 text) is unreadable: its reason names the byte and the fix,
 *       and its text is its bytes read as ISO-8859-1, which keeps every byte (the byte is the character's code).
 *       Not decoded as Latin-1 instead: the same bytes may be Windows-1252 or another encoding, and a guess would
 *       give posts and tickets wrong text that no one is told about.
 *   <li>A file that is not text (NUL bytes, such as UTF-16 without a byte order mark, or binary) is one unreadable
 *       line rather than one per line.
 * </ul>
 * Lines end with LF or CRLF; line numbers count from 1 and include blank lines, so they match an editor's.
 */
final class TextLineReader implements Closeable {

    /**
     * One line as read.
     *
     * @param number the line's number from 1; 0 for a problem of the whole file
     * @param text the line without its end; for an unreadable line, its bytes as best they could be decoded
     * @param unreadable why the line could not be read as text, with the fix; null when it could
     * @param textEncoding {@link DeadLetter#ONE_CHAR_PER_BYTE} when the text is the line's bytes read as ISO-8859-1;
     *     null when it is text
     */
    record Line(long number, String text, String unreadable, String textEncoding) {

        Line(long number, String text, String unreadable) {
            this(number, text, unreadable, null);
        }

        /** Why the line cannot be read, for a dead letter: says what its raw holds when that is not text. */
        String deadLetterReason() {
            return DeadLetter.ONE_CHAR_PER_BYTE.equals(textEncoding) ? unreadable + RAW_IS_BYTES : unreadable;
        }
    }

    private static final String RAW_IS_BYTES = ". raw holds the line read as ISO-8859-1, one character per byte";

    private static final Logger LOG = LoggerFactory.getLogger(TextLineReader.class);
    private static final int BUFFER = 64 * 1024;
    private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};
    private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private final String file;
    private final InputStream raw;
    private final String compression;
    private InputStream text;
    private BufferedReader utf16;
    private Line problem;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int lineLength;
    private long lineNumber;
    private long consumed;
    private boolean ended;

    /**
     * @param in the file's bytes as stored; closed by {@link #close}
     * @param file the file's name, for its extension and the reasons
     */
    TextLineReader(InputStream in, String file) throws IOException {
        this.file = file;
        this.raw = new BufferedInputStream(in, BUFFER);
        raw.mark(GZIP_MAGIC.length);
        byte[] magic = raw.readNBytes(GZIP_MAGIC.length);
        raw.reset();
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        boolean namedGzip = extension.equals("gz") || extension.equals("gzip");
        InflaterInputStreamFactory<?> byName = StandardDeCompressors.getDecompressorForExtension(extension);
        if (Arrays.equals(magic, GZIP_MAGIC)) {
            compression = "gzip";
        } else if (byName != null && !namedGzip) {
            compression = extension;
        } else {
            compression = null;
        }
        try {
            text = compression == null ? raw : compression.equals("gzip") ? new GZIPInputStream(raw, BUFFER) : byName.create(raw);
            fill();
        } catch (IOException e) {
            damaged(e);
            return;
        }
        if (startsWith(UTF8_BOM)) {
            position = UTF8_BOM.length;
            consumed = UTF8_BOM.length;
        } else if (startsWith(new byte[] {(byte) 0xfe, (byte) 0xff}) || startsWith(new byte[] {(byte) 0xff, (byte) 0xfe})) {
            LOG.warn("{} is UTF-16 (it starts with a UTF-16 byte order mark): reading it as UTF-16", file);
            InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buffer, 0, limit), text);
            utf16 = new BufferedReader(new InputStreamReader(rest, StandardCharsets.UTF_16.newDecoder()), BUFFER);
        } else if (!looksLikeText()) {
            String start = HexFormat.ofDelimiter(" ").formatHex(buffer, 0, Math.min(limit, 8));
            String utf16 = Utf16WithoutBom.encodingOf(buffer, limit);
            problem = new Line(0, null, (namedGzip && compression == null ? "the file is named ." + extension
                    + " but is not gzip, nor text" : "the file is not text") + " (it starts with bytes " + start
                    + "). " + (utf16 != null ? "It looks like " + utf16 + " without a byte order mark (NULs on every "
                    + "second byte): convert it: iconv -f " + utf16.toLowerCase(Locale.ROOT) + " -t utf-8 FILE > FILE.jsonl"
                    : "If it is UTF-16 without a byte order mark, convert it: iconv -f utf-16le -t utf-8 FILE > FILE.jsonl;"
                    + " if it is compressed, decompress it or name it by its compression (.gz, .bz2, .xz)"));
        } else if (namedGzip && compression == null) {
            LOG.warn("{} is named .{} but is not gzip: reading it as plain text", file, extension);
        }
    }

    /** The next line, or null at the end of the file. A damaged file ends with one unreadable line. */
    Line next() throws IOException {
        if (problem != null) {
            Line last = problem;
            problem = null;
            ended = true;
            return last;
        }
        if (ended) {
            return null;
        }
        try {
            return utf16 != null ? nextUtf16() : nextUtf8();
        } catch (CharacterCodingException e) {
            ended = true;
            return new Line(lineNumber + 1, null, "line " + (lineNumber + 1) + " is not valid UTF-16 (the file starts "
                    + "with a UTF-16 byte order mark); the rest of the file is not read: convert the file to UTF-8, "
                    + "e.g. iconv -f utf-16 -t utf-8 FILE > FILE.jsonl, and check that line");
        } catch (IOException e) {
            if (compression == null) {
                throw e;
            }
            damaged(e);
            Line last = problem;
            problem = null;
            ended = true;
            return last;
        }
    }

    private Line nextUtf16() throws IOException {
        String read = utf16.readLine();
        if (read == null) {
            ended = true;
            return null;
        }
        return new Line(++lineNumber, read, null);
    }

    private Line nextUtf8() throws IOException {
        if (!readLine()) {
            ended = true;
            return null;
        }
        long lineStart = consumed;
        consumed += lineLength + 1;
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineNumber++;
        Utf8.Decoded decoded = Utf8.decode(line, length);
        if (decoded.valid()) {
            return new Line(lineNumber, decoded.text(), null);
        }
        int malformed = decoded.malformedAt();
        return new Line(lineNumber, decoded.text(), String.format(Locale.ROOT,
                "line %d is not valid UTF-8: byte %d of the line (0x%02X, byte %d of the %s) is not. If the file is "
                        + "Latin-1 (ISO-8859-1), convert it: iconv -f latin1 -t utf-8 FILE > FILE.utf8 (Windows-1252: "
                        + "-f cp1252)",
                lineNumber, malformed + 1, line[malformed] & 0xff, lineStart + malformed + 1,
                compression == null ? "file" : "decompressed text"), DeadLetter.ONE_CHAR_PER_BYTE);
    }

    /** Reads up to the next LF into {@link #line}; false at the end of the input with nothing read. */
    private boolean readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit && !fill()) {
                return lineLength > 0;
            }
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            append(position, end);
            if (end < limit) {
                position = end + 1;
                return true;
            }
            position = limit;
        }
    }

    /** One read, not readNBytes: a damaged stream fails on a later read, and what came before must be kept. */
    private boolean fill() throws IOException {
        int read = text.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private void append(int from, int to) {
        int count = to - from;
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
        }
        System.arraycopy(buffer, from, line, lineLength, count);
        lineLength += count;
    }

    /** Turns a compressed stream's failure into the file's last, unreadable line, keeping what was read of the cut line. */
    private void damaged(IOException e) {
        long after = lineNumber;
        String where = after == 0 ? "before its first line" : "after line " + after;
        String kept = lineLength == 0 ? "" : String.format(Locale.ROOT, " (the %d bytes read of line %d are kept as raw)",
                lineLength, after + 1);
        String reason = e instanceof EOFException
                ? String.format(Locale.ROOT, "the %s stream ends early %s: the file is truncated; re-copy it%s",
                        compression, where, kept)
                : String.format(Locale.ROOT, "the %s stream is damaged %s (%s): re-copy the file; the lines before "
                        + "the damage were read%s", compression, where, e.getMessage(), kept);
        Utf8.Decoded cut = lineLength == 0 ? null : Utf8.decode(line, lineLength);
        problem = new Line(lineLength == 0 ? 0 : after + 1, cut == null ? null : cut.text(), reason,
                cut == null || cut.valid() ? null : DeadLetter.ONE_CHAR_PER_BYTE);
    }

    private boolean startsWith(byte[] prefix) {
        return limit >= prefix.length && Arrays.equals(buffer, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** No NUL byte, and few other control characters, in the first buffer. */
    private boolean looksLikeText() {
        int controls = 0;
        for (int i = 0; i < limit; i++) {
            int b = buffer[i] & 0xff;
            if (b == 0) {
                return false;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b) {
                controls++;
            }
        }
        return controls * 100 <= limit;
    }

    @Override
    public void close() throws IOException {
        try (InputStream closing = raw) {
            if (text != null && text != raw) {
                text.close();
            }
        }
    }
}
