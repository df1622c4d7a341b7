package dev.earshot.connectors.file;

import static dev.earshot.connectors.file.FormatReading.read;
import static dev.earshot.connectors.file.FormatReading.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.DeadLetter;
import dev.earshot.model.RawRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFilesTest {

    private static final String CAFE_LINE = "{\"id\": \"test:2\", \"source\": \"test\", \"createdAt\": \"2026-03-02T00:00:02Z\", "
            + "\"text\": \"café closed, très déçu\", \"lang\": \"en\", \"author\": {\"id\": \"user2\", \"handle\": \"user2\"}}";

    @TempDir
    Path work;

    private final JsonLinesFiles.Format format = new JsonLinesFiles.Format();

    @Test
    void aTruncatedGzipGivesItsReadableLinesThenOneUnreadableRecordSayingWhereItEnds() throws Exception {
        Path gz = resource("truncated.jsonl.gz");

        List<RawRecord> records = read(format, gz);

        assertThat(records).hasSize(94);
        assertThat(records.subList(0, 93)).allSatisfy(r -> assertThat(r.unreadable()).isNull());
        assertThat(records.get(92).value()).contains("\"test:93\"");
        assertThat(records.get(92).origin()).isEqualTo(gz + ":93");
        RawRecord cut = records.get(93);
        assertThat(cut.origin()).isEqualTo(gz + ":94");
        assertThat(cut.value()).startsWith("{\"id\": \"test:94\"").hasSize(146);
        assertThat(cut.unreadable()).isEqualTo("the gzip stream ends early after line 93: the file is truncated; re-copy it"
                + " (the 146 bytes read of line 94 are kept as raw)");
    }

    @Test
    void aFileShownUnderAnotherNameGivesThatNameInTheOrigins() throws Exception {
        List<RawRecord> records = read(new JsonLinesFiles.Format("bundled sample"), resource("truncated.jsonl.gz"));

        assertThat(records.get(92).origin()).isEqualTo("bundled sample:93");
    }

    @Test
    void aFileNamedGzThatIsPlainTextIsReadAsTextAndAGzipNamedOtherwiseIsDecompressed() throws Exception {
        List<RawRecord> plain = read(format, resource("plain-named.jsonl.gz"));
        List<RawRecord> gzip = read(format, resource("gzip-named.jsonl"));

        assertThat(plain).hasSize(3).allSatisfy(r -> assertThat(r.unreadable()).isNull());
        assertThat(plain.get(1).value()).isEqualTo(CAFE_LINE);
        assertThat(gzip).extracting(RawRecord::value).isEqualTo(plain.stream().map(RawRecord::value).toList());
    }

    @Test
    void aFileNamedGzThatIsNeitherGzipNorTextIsOneUnreadableRecord() throws Exception {
        Path bzip2 = Files.write(work.resolve("posts.jsonl.gz"), new byte[] {'B', 'Z', 'h', '9', 0x31, 0x41, 0x59, 0x26, 0, 0, 1});

        List<RawRecord> records = read(format, bzip2);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).origin()).isEqualTo(bzip2.toString());
        assertThat(records.get(0).unreadable()).startsWith("the file is named .gz but is not gzip, nor text "
                + "(it starts with bytes 42 5a 68 39 31 41 59 26)");
    }

    @Test
    void aGzipDamagedInsideIsReadUpToTheDamage() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("{\"n\": 1}\n{\"n\": 2}\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] damaged = bytes.toByteArray();
        damaged[damaged.length - 5] ^= 0x55; // the length in the trailer: the data inflates, the check fails
        Path gz = Files.write(work.resolve("damaged.jsonl.gz"), damaged);

        List<RawRecord> records = read(format, gz);

        assertThat(records).extracting(RawRecord::value).containsExactly("{\"n\": 1}", "{\"n\": 2}", "");
        assertThat(records.get(2).unreadable()).startsWith("the gzip stream is damaged after line 2 (")
                .contains("re-copy the file");
    }

    @Test
    void aUtf8ByteOrderMarkIsDropped() throws Exception {
        List<RawRecord> records = read(format, resource("bom.jsonl"));

        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.unreadable()).isNull());
        assertThat(records.get(0).value()).startsWith("{\"id\": \"test:1\"");
        assertThat(records.get(1).value()).isEqualTo(CAFE_LINE);
    }

    @Test
    void utf16WithAByteOrderMarkIsDecodedAsUtf16() throws Exception {
        List<RawRecord> records = read(format, resource("utf16.jsonl"));

        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.unreadable()).isNull());
        assertThat(records.get(1).value()).isEqualTo(CAFE_LINE);
        assertThat(records.get(2).origin()).endsWith("utf16.jsonl:3");
    }

    @Test
    void utf16WithoutAByteOrderMarkIsOneUnreadableRecordNamingTheFix() throws Exception {
        Path utf16 = Files.write(work.resolve("posts.jsonl"), "{\"n\": 1}\n{\"n\": 2}\n".getBytes(StandardCharsets.UTF_16LE));

        List<RawRecord> records = read(format, utf16);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).unreadable()).startsWith("the file is not text (it starts with bytes 7b 00 22 00")
                .contains("It looks like UTF-16LE without a byte order mark").contains("iconv -f utf-16le -t utf-8");
    }

    @Test
    void bigEndianUtf16WithoutAByteOrderMarkIsNamedAsSuch() throws Exception {
        Path utf16 = Files.write(work.resolve("posts.jsonl"), "{\"n\": 1}\n".getBytes(StandardCharsets.UTF_16BE));

        assertThat(read(format, utf16)).singleElement().satisfies(r -> assertThat(r.unreadable())
                .contains("It looks like UTF-16BE without a byte order mark").contains("iconv -f utf-16be -t utf-8"));
    }

    @Test
    void aLatin1LineIsUnreadableNamingTheByteAndTheFixAndKeepsEveryByte() throws Exception {
        Path latin1 = resource("latin1.jsonl");

        List<RawRecord> records = read(format, latin1);

        assertThat(records).hasSize(3);
        assertThat(records.get(0).unreadable()).isNull();
        assertThat(records.get(2).unreadable()).isNull();
        RawRecord cafe = records.get(1);
        assertThat(cafe.origin()).isEqualTo(latin1 + ":2");
        assertThat(cafe.value()).isEqualTo(CAFE_LINE);
        int column = CAFE_LINE.indexOf('é') + 1;
        int fileByte = Files.readString(latin1, StandardCharsets.ISO_8859_1).indexOf('\n') + 1 + column;
        assertThat(cafe.unreadable()).startsWith("line 2 is not valid UTF-8: byte " + column + " of the line (0xE9, byte "
                + fileByte + " of the file) is not").contains("iconv -f latin1 -t utf-8")
                .endsWith(". raw holds the line read as ISO-8859-1, one character per byte");
        assertThat(cafe.value().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(Files.readAllLines(latin1,
                StandardCharsets.ISO_8859_1).get(1).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(cafe.valueEncoding()).as("so that its dead letter gives the bytes back").isEqualTo(DeadLetter.ONE_CHAR_PER_BYTE);
        assertThat(records.get(0).valueEncoding()).isNull();
    }

    @Test
    void blankAndWhitespaceOnlyLinesAreSkippedAndLineNumbersStillCountThem() throws Exception {
        Path blank = resource("blank-lines.jsonl");

        List<RawRecord> records = read(format, blank);

        assertThat(records).extracting(RawRecord::origin).containsExactly(blank + ":2", blank + ":5");
        assertThat(records).allSatisfy(r -> assertThat(r.unreadable()).isNull());
    }

    @Test
    void aRestoredReaderSkipsTheRecordsEmittedBeforeTheCheckpoint() throws Exception {
        Path gz = resource("truncated.jsonl.gz");
        List<RawRecord> all = read(format, gz);

        List<RawRecord> restored = read(format, gz, 90);

        assertThat(restored).isEqualTo(all.subList(90, all.size()));
    }
}
