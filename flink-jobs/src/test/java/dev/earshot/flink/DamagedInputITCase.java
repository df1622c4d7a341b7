package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.json.Json;
import dev.earshot.model.Author;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.Post;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A damaged input file: the job reads what is readable, makes the rest dead letters and finishes normally. */
class DamagedInputITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path work;

    @Test
    void aTruncatedGzipWithALatin1LineGivesItsReadablePostsAndTwoDeadLettersAtStageRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write((post(0, "Parking near MG Road in Bengaluru is full again") + "\n\n").getBytes(StandardCharsets.UTF_8));
            gzip.write((post(1, "Parking near the café in Bengaluru is full again") + "\n").getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 2; i < 80; i++) {
                gzip.write((post(i, "Parking near MG Road in Bengaluru is full again, day " + i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] whole = bytes.toByteArray();
        Path input = Files.write(work.resolve("posts.jsonl.gz"), Arrays.copyOf(whole, whole.length / 2));
        Path output = work.resolve("output");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new EarshotJob(EarshotConfig.defaults(), RecordSource.file(input, "test"), EarshotSinks.jsonLines(output)).build(env);
        JobExecutionResult result = env.execute("damaged input");

        List<DeadLetter> deadLetters;
        try (var lines = Files.lines(JsonLinesFileSink.fileOf(output, EarshotSinks.DEAD_LETTERS))) {
            deadLetters = lines.map(line -> Json.read(line, DeadLetter.class)).toList();
        }
        assertThat(deadLetters).hasSize(2).allSatisfy(letter -> assertThat(letter.stage()).isEqualTo("read"));
        DeadLetter latin1 = deadLetters.stream().filter(l -> l.origin().equals(input + ":3")).findFirst().orElseThrow();
        assertThat(latin1.reason()).startsWith("line 3 is not valid UTF-8").contains("iconv -f latin1 -t utf-8");
        assertThat(latin1.raw()).contains("café");
        assertThat(latin1.rawBytes()).as("the line's bytes, as a Kafka dead-letter topic gets them")
                .isEqualTo(post(1, "Parking near the café in Bengaluru is full again").getBytes(StandardCharsets.ISO_8859_1));
        DeadLetter truncated = deadLetters.stream().filter(l -> l != latin1).findFirst().orElseThrow();
        Matcher after = Pattern.compile("the gzip stream ends early after line (\\d+): the file is truncated; re-copy it")
                .matcher(truncated.reason());
        assertThat(after.lookingAt()).as(truncated.reason()).isTrue();
        long lastLine = Long.parseLong(after.group(1));
        assertThat(truncated.origin()).isEqualTo(input + ":" + (lastLine + 1));
        assertThat(lastLine).isBetween(10L, 70L);
        // every line up to the cut but the blank one and the Latin-1 one is a post
        assertThat(result.<Long>getAccumulatorResult(Counters.POSTS_VALID)).isEqualTo(lastLine - 2);
        assertThat(result.<Long>getAccumulatorResult(Counters.RECORDS_UNREADABLE)).isEqualTo(2L);
    }

    private static String post(int n, String text) {
        return Json.write(new Post("forum:p" + n, "forum", T0.plusSeconds(60L * n), text, "en",
                new Author("a" + n, "a" + n, 0, null), null, null, null, null, null, null, null, null));
    }
}
