package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.json.Json;
import dev.earshot.model.Author;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.LocationLevel;
import dev.earshot.model.Post;
import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Event time at the edges: a post a little late corrects its windows; a post far too late is kept, not lost. */
class LatePostsITCase {

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(REPORTER.addToConfiguration(new Configuration())).build());

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path work;

    static String parkingPost(String id, Instant at) {
        return Json.write(new Post("forum:" + id, "forum", at, "Parking near MG Road in Bengaluru is full again", "en",
                new Author("a-" + id, "a" + id, 0, null), null, null, null, null, null, null, null, null));
    }

    /**
     * Runs the job over {@code lines} at parallelism 1, writing to {@link #output()}. One channel end to end: at
     * parallelism 2 a window's watermark is the slower of two channels, and on an input this small which channel is
     * slower is a matter of thread timing, not of the data. The file is read in one burst: with a fixed taxonomy the
     * enrich step has no second input whose end event time would wait for, so the posts alone decide what is late.
     */
    private JobExecutionResult runOnOneChannel(List<String> lines, String jobName) throws Exception {
        Path input = work.resolve("posts.jsonl");
        Files.write(input, lines);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new EarshotJob(EarshotConfig.defaults(), RecordSource.file(input, "test"), EarshotSinks.jsonLines(output())).build(env);
        return env.execute(jobName);
    }

    private Path output() {
        return work.resolve("output");
    }

    @Test
    void aSlightlyLatePostCorrectsItsWindowAndAFarTooLatePostBecomesADeadLetter() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int minute = 0; minute <= 220; minute += 10) {
            lines.add(parkingPost("p" + minute, T0.plus(Duration.ofMinutes(minute))));
        }
        // 15 minutes behind the newest post: past the 5-minute out-of-orderness, so its window [09:30, 11:30) may
        // already have fired; within the 15-minute allowed lateness, so the window takes it and fires again.
        lines.add(parkingPost("slightly-late", T0.plus(Duration.ofMinutes(205))));
        lines.add(parkingPost("p230", T0.plus(Duration.ofMinutes(230))));
        lines.add(parkingPost("p240", T0.plus(Duration.ofMinutes(240))));
        // Nearly four hours behind: every window it belongs to closed long ago.
        lines.add(parkingPost("far-too-late", T0.plus(Duration.ofMinutes(5))));
        JobExecutionResult result = runOnOneChannel(lines, "late posts");
        long mostLateMillis = result.getAccumulatorResult(Counters.MOST_LATE_MILLIS);

        List<DeadLetter> deadLetters = read(output(), EarshotSinks.DEAD_LETTERS, DeadLetter.class);
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.stage()).isEqualTo("aggregate");
            assertThat(letter.origin()).isEqualTo("forum:far-too-late");
            assertThat(letter.reason()).contains("too late for the parking windows", "aggregate.allowedLateness 15m");
            assertThat(Json.read(letter.raw(), Post.class).id()).isEqualTo("forum:far-too-late");
        });
        assertThat(Duration.ofMillis(mostLateMillis)).as("how far behind the newest post (p240) it was")
                .isEqualTo(Duration.ofMinutes(235).minusMillis(1));
        Instant windowEnd = T0.plus(Duration.ofMinutes(210));
        List<Long> versionsOfThatWindow = read(output(), EarshotSinks.STATS, TopicLocationStats.class).stream()
                .filter(stats -> stats.level() == LocationLevel.CITY && stats.view() == StatsView.SLIDING)
                .filter(stats -> stats.windowEnd().equals(windowEnd)).map(TopicLocationStats::posts).toList();
        assertThat(versionsOfThatWindow).as("the window fired on time, then again with the late post")
                .containsExactly(12L, 13L);

        assertThat(ReportedMetrics.counters(REPORTER, result.getJobID()))
                .containsEntry(ReportedMetrics.PREFIX + "latePosts", 1L).containsEntry(ReportedMetrics.PREFIX + "deadLetters", 1L);
        long newestPost = T0.plus(Duration.ofMinutes(240)).toEpochMilli();
        long before = System.currentTimeMillis();
        Map<String, Long> gauges = ReportedMetrics.gaugeMaxima(REPORTER, result.getJobID());
        long after = System.currentTimeMillis();
        assertThat(gauges).containsEntry(ReportedMetrics.PREFIX + "mostLateMillis", mostLateMillis);
        assertThat(gauges.get(ReportedMetrics.PREFIX + PostEnrichment.EVENT_TIME_LAG))
                .as("how far the newest post (p240) is behind the wall clock").isBetween(before - newestPost, after - newestPost);
    }

    @Test
    void aPostDatedFarAheadIsADeadLetterAndLeavesEventTimeAlone() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int minute = 0; minute <= 240; minute += 10) {
            lines.add(parkingPost("p" + minute, T0.plus(Duration.ofMinutes(minute))));
            if (minute == 60) {
                // A wrong clock: let through, it would move the watermark to 2099 and every later post would be too late.
                lines.add(parkingPost("from-2099", Instant.parse("2099-01-01T00:00:00Z")));
            }
        }
        // One channel, so the post would move the only watermark there is (at 2, another channel's may hide it).
        JobExecutionResult result = runOnOneChannel(lines, "a post dated 2099");

        assertThat(read(output(), EarshotSinks.DEAD_LETTERS, DeadLetter.class)).singleElement().satisfies(letter -> {
            assertThat(letter.stage()).isEqualTo("parse");
            assertThat(Json.read(letter.raw(), Post.class).id()).isEqualTo("forum:from-2099");
            assertThat(letter.reason()).startsWith("createdAt 2099-01-01T00:00:00Z is ").contains("parse.maxFutureSkew");
        });
        assertThat(ReportedMetrics.counters(REPORTER, result.getJobID())).as("no post later than it was too late")
                .containsEntry(ReportedMetrics.PREFIX + "latePosts", 0L);
        List<Long> postsPerWindow = read(output(), EarshotSinks.STATS, TopicLocationStats.class).stream()
                .filter(stats -> stats.level() == LocationLevel.CITY && stats.view() == StatsView.SLIDING)
                .filter(stats -> stats.windowEnd().equals(T0.plus(Duration.ofMinutes(210))))
                .map(TopicLocationStats::posts).toList();
        assertThat(postsPerWindow).as("the window [09:30, 11:30) after it, with all its 12 posts").containsExactly(12L);
    }

    private static <T> List<T> read(Path dir, String name, Class<T> type) throws Exception {
        try (var lines = Files.lines(JsonLinesFileSink.fileOf(dir, name))) {
            return lines.map(line -> Json.read(line, type)).toList();
        }
    }
}
