package dev.earshot.connectors.kafka;

import dev.earshot.model.DeadLetter;
import dev.earshot.model.RawRecord;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.connectors.serde.Utf16WithoutBom;
import dev.earshot.connectors.serde.Utf8;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Locale;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.flink.util.Collector;

/**
 * Hands a record's value to the pipeline as text, unparsed: the pipeline's parse stage validates it and
 * dead-letters what is malformed. Nothing is dropped here, not even a record without a value (it becomes an
 * empty text, which the parser rejects as an empty record). A UTF-8 byte order mark is dropped. A value that is not
 * valid UTF-8 (such as Latin-1 text) is never decoded with replacement characters: it becomes an unreadable record
 * whose reason names the byte and the fix, and whose value is its bytes read as ISO-8859-1, so that the dead-letter
 * topic gets them back unchanged. Not decoded as Latin-1 instead: the same bytes may be Windows-1252 or another
 * encoding, and a guess would give posts and tickets wrong text that no one is told about. A value that holds NUL
 * bytes is valid UTF-8 but not text (UTF-16 without a byte order mark, or binary): it is unreadable too, its reason
 * saying which it looks like, rather than left for the parser to call a control character bad JSON.
 */
public final class PostRecordDeserializer {

    private static final String BINARY = "it holds NUL bytes, as no text does, so it looks like binary data";
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private PostRecordDeserializer() {
    }

    /** Each value with its {@link KafkaOrigin}, for a pipeline whose dead letters name the partition and offset. */
    public static KafkaRecordDeserializationSchema<RawRecord> withOrigins() {
        return new WithOrigins();
    }

    /**
     * Just each value, for a {@code Source<String>}. A String cannot say that its value is not text, so a value that
     * is not UTF-8 fails the read with the reason; the posts pipeline reads {@link #withOrigins()}.
     */
    public static KafkaRecordDeserializationSchema<String> values() {
        return new Values();
    }

    static RawRecord record(ConsumerRecord<byte[], byte[]> record) {
        String origin = origin(record).toString();
        if (record.value() == null) {
            return new RawRecord("", origin);
        }
        Utf8.Decoded value = Utf8.decode(record.value());
        if (!value.valid()) {
            return new RawRecord(value.text(), origin, notUtf8(record.value(), value.malformedAt()), DeadLetter.ONE_CHAR_PER_BYTE);
        }
        String text = value.text();
        // In valid UTF-8 a NUL character is exactly a NUL byte: valid, but not text. The decoded text keeps every
        // byte, so no ONE_CHAR_PER_BYTE.
        if (text.indexOf('\0') >= 0) {
            return new RawRecord(text, origin, notText(record.value()));
        }
        // U+FEFF first is the UTF-8 byte order mark, which some Windows tools write
        return new RawRecord(text.startsWith("\uFEFF") ? text.substring(1) : text, origin);
    }

    /** Why the value cannot be read, with what the bytes look like and the fix. */
    static String notUtf8(byte[] value, int malformed) {
        int b = value[malformed] & 0xff;
        String looksLike;
        String utf16 = Utf16WithoutBom.encodingOf(value, value.length);
        if (value.length >= 2 && (b == 0xfe || b == 0xff) && malformed == 0 && (value[1] & 0xff) == (b ^ 0x01)) {
            looksLike = "it starts with a UTF-16 byte order mark, so it is UTF-16";
        } else if (utf16 != null) {
            looksLike = withoutBom(utf16);
        } else if (Utf16WithoutBom.holdsNul(value, value.length)) {
            looksLike = BINARY;
        } else if (cutInsideACharacter(value, malformed)) {
            looksLike = "it ends inside a character, so it was cut short";
        } else if (b >= 0xa0) {
            looksLike = String.format(Locale.ROOT, "it looks like Latin-1 (ISO-8859-1) or Windows-1252, where 0x%02X is '%c'", b, (char) b);
        } else {
            String inWindows1252 = new String(new byte[] {(byte) b}, WINDOWS_1252);
            looksLike = inWindows1252.equals("\uFFFD") ? "it is neither Latin-1 nor Windows-1252 text"
                    : String.format(Locale.ROOT, "it looks like Windows-1252, where 0x%02X is '%s'", b, inWindows1252);
        }
        return String.format(Locale.ROOT, "the value is not valid UTF-8: byte %d of its %d (0x%02X) is not; %s. The "
                + "producer must send UTF-8 (Kafka's StringSerializer does unless serializer.encoding is set). raw holds "
                + "the value read as ISO-8859-1, one character per byte; the dead-letter topic gets the original bytes",
                malformed + 1, value.length, b, looksLike);
    }

    /** Why a value that holds NUL bytes, and so is not text, cannot be read, with what it looks like and the fix. */
    static String notText(byte[] value) {
        int nuls = 0;
        for (byte b : value) {
            nuls += b == 0 ? 1 : 0;
        }
        String utf16 = Utf16WithoutBom.encodingOf(value, value.length);
        return String.format(Locale.ROOT, "the value is not text: %d of its %d bytes are NUL; %s. The producer must send "
                + "UTF-8 (Kafka's StringSerializer does unless serializer.encoding is set); the dead-letter topic gets the "
                + "original bytes", nuls, value.length, utf16 != null ? withoutBom(utf16) : BINARY);
    }

    private static String withoutBom(String utf16) {
        return "NULs on every second byte, so it looks like " + utf16 + " without a byte order mark";
    }

    /**
     * Whether the bytes from {@code malformed} to the end are the start of one multi-byte character, cut, after UTF-8
     * characters of more than one byte (without them, a last Latin-1 letter such as 0xE9 looks the same).
     */
    private static boolean cutInsideACharacter(byte[] value, int malformed) {
        int lead = value[malformed] & 0xff;
        int length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
        if (value.length - malformed >= length) {
            return false;
        }
        for (int i = malformed + 1; i < value.length; i++) {
            if ((value[i] & 0xc0) != 0x80) {
                return false;
            }
        }
        for (int i = 0; i < malformed; i++) {
            if (value[i] < 0) {
                return true;
            }
        }
        return false;
    }

    static KafkaOrigin origin(ConsumerRecord<?, ?> record) {
        return new KafkaOrigin(record.topic(), record.partition(), record.offset());
    }

    private static final class WithOrigins implements KafkaRecordDeserializationSchema<RawRecord> {

        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
            out.collect(record(record));
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return JsonTypeInfo.of(RawRecord.class);
        }
    }

    private static final class Values implements KafkaRecordDeserializationSchema<String> {

        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) throws IOException {
            RawRecord read = record(record);
            if (read.unreadable() != null) {
                throw new IOException(read.origin() + ": " + read.unreadable());
            }
            out.collect(read.value());
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
