package dev.earshot.connectors.kafka;

import dev.earshot.model.DeadLetter;
import dev.earshot.model.RawRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PostRecordDeserializerTest {

    private static final String POST = "{\"id\":\"bluesky:1\",\"text\":\"Towed AGAIN 😡\"}";

    @Test
    void keepsTheValueTextAndWhereItCameFrom() throws Exception {
        List<RawRecord> out = new ArrayList<>();

        PostRecordDeserializer.withOrigins().deserialize(record(POST.getBytes(StandardCharsets.UTF_8)), collector(out));

        assertThat(out).containsExactly(new RawRecord(POST, "earshot.posts/3/99"));
    }

    @Test
    void aRecordWithoutValueIsPassedOnAsEmptyForTheParserToReject() throws Exception {
        List<String> out = new ArrayList<>();

        PostRecordDeserializer.values().deserialize(record(null), collector(out));

        assertThat(out).containsExactly("");
    }

    @Test
    void aLatin1ValueIsUnreadableNamingTheByteAndTheFixAndKeepsEveryByte() throws Exception {
        byte[] latin1 = "{\"text\":\"café\"}".getBytes(StandardCharsets.ISO_8859_1);

        RawRecord read = deserialize(latin1);

        assertThat(read.origin()).isEqualTo("earshot.posts/3/99");
        assertThat(read.unreadable()).isEqualTo("the value is not valid UTF-8: byte 13 of its 15 (0xE9) is not; it looks "
                + "like Latin-1 (ISO-8859-1) or Windows-1252, where 0xE9 is 'é'. The producer must send UTF-8 (Kafka's "
                + "StringSerializer does unless serializer.encoding is set). raw holds the value read as ISO-8859-1, one "
                + "character per byte; the dead-letter topic gets the original bytes");
        assertThat(read.valueEncoding()).isEqualTo(DeadLetter.ONE_CHAR_PER_BYTE);
        assertThat(read.value().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(latin1);
    }

    @Test
    void theReasonNamesWhatTheBytesLookLike() throws Exception {
        byte[] smartQuote = "it\u2019s late".getBytes(Charset.forName("windows-1252"));
        byte[] cut = Arrays.copyOf("bus 😡 again 😡".getBytes(StandardCharsets.UTF_8), 18);
        byte[] utf16 = "{}".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xff;
        withBom[1] = (byte) 0xfe;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);

        assertThat(deserialize(smartQuote).unreadable()).contains("byte 3 of its 9 (0x92) is not; it looks like "
                + "Windows-1252, where 0x92 is '\u2019'.");
        assertThat(deserialize(cut).unreadable()).contains("byte 16 of its 18 (0xF0) is not; it ends inside a character, "
                + "so it was cut short.");
        assertThat(deserialize(withBom).unreadable()).contains("byte 1 of its 6 (0xFF) is not; it starts with a UTF-16 "
                + "byte order mark, so it is UTF-16.");
    }

    @Test
    void aUtf16ValueWithoutByteOrderMarkIsUnreadableNamingUtf16AndKeepsEveryByte() throws Exception {
        byte[] littleEndian = "{\"id\":\"forum:1\",\"text\":\"parking in Pune\"}".getBytes(StandardCharsets.UTF_16LE);
        byte[] bigEndian = "{\"text\":\"café\"}".getBytes(StandardCharsets.UTF_16BE);
        byte[] binary = {1, 0, 0, 0, 7, 0, 0, 0, (byte) 0xab};

        RawRecord read = deserialize(littleEndian);

        assertThat(read.unreadable()).startsWith("the value is not text: 41 of its 82 bytes are NUL; NULs on every second "
                + "byte, so it looks like UTF-16LE without a byte order mark. The producer must send UTF-8");
        assertThat(read.value().getBytes(read.valueEncoding() == null ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1))
                .isEqualTo(littleEndian);
        assertThat(deserialize(bigEndian).unreadable()).contains("so it looks like UTF-16BE without a byte order mark");
        assertThat(deserialize(binary).unreadable()).contains("it looks like binary data");
    }

    @Test
    void aUtf8ByteOrderMarkIsDroppedAndAReplacementCharacterSentAsTextIsRead() throws Exception {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] post = POST.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = Arrays.copyOf(bom, bom.length + post.length);
        System.arraycopy(post, 0, withBom, bom.length, post.length);
        String sentWithReplacement = "{\"text\":\"caf\uFFFD again\"}";

        assertThat(deserialize(withBom)).isEqualTo(new RawRecord(POST, "earshot.posts/3/99"));
        assertThat(deserialize(sentWithReplacement.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new RawRecord(sentWithReplacement, "earshot.posts/3/99"));
    }

    @Test
    void aValueThatIsNotUtf8FailsAStringReadRatherThanBeingAltered() {
        List<String> out = new ArrayList<>();

        assertThatThrownBy(() -> PostRecordDeserializer.values().deserialize(
                record("café".getBytes(StandardCharsets.ISO_8859_1)), collector(out)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("earshot.posts/3/99: the value is not valid UTF-8: byte 4 of its 4 (0xE9)");
        assertThat(out).isEmpty();
    }

    private static RawRecord deserialize(byte[] value) throws Exception {
        List<RawRecord> out = new ArrayList<>();
        PostRecordDeserializer.withOrigins().deserialize(record(value), collector(out));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("earshot.posts", 3, 99, null, value);
    }

    private static <T> Collector<T> collector(List<T> out) {
        return new Collector<>() {
            @Override
            public void collect(T record) {
                out.add(record);
            }

            @Override
            public void close() {
            }
        };
    }
}
