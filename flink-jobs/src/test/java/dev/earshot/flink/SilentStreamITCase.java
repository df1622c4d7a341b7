package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.kafka.KafkaOptions;
import dev.earshot.connectors.kafka.LocalKafka;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.LocationLevel;
import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on Kafka whose posts stop for longer than {@code stream.idleness} (2 s here) keeps its event time where the
 * posts left it: the silence ends nothing, in a run as started and in one resumed from its saved state. Both partitions
 * carry a parking post every 10 minutes from 08:00 to 10:00, so event time stands at 09:55. After ten seconds without a
 * post come posts of 10:01 on both partitions; they belong to windows still open and are counted in them. The run is
 * stopped as on Ctrl-C, which fires nothing, and resumed; after another ten seconds without a post come posts of 10:40,
 * which bring event time to 10:35, so the windows up to 10:30 fire, and no later one.
 */
class SilentStreamITCase {

    private static final Instant T0 = LatePostsITCase.T0;
    private static final Duration IDLENESS = Duration.ofSeconds(2);

    @TempDir
    static Path dir;

    static LocalKafka kafka;
    static Path output;

    @BeforeAll
    static void postsThenASilenceThenPostsAMinuteLaterThenAResumeASilenceAndLaterPosts() throws Exception {
        kafka = LocalKafka.start();
        kafka.createTopic(KafkaOptions.POSTS_TOPIC, 2);
        output = Files.createDirectories(dir.resolve("output"));
        EarshotConfig config = ConfigLoader.parse("stream: { idleness: " + IDLENESS.toSeconds() + "s }", "test");
        SavedState state = new SavedState(dir.resolve("state"));
        List<ProducerRecord<byte[], byte[]>> beforeTheSilence = ResumedEventTimeITCase.everyTenMinutesOnBothPartitions(0, 120);
        kafka.send(beforeTheSilence);

        ResumeAfterStopITCase.KafkaRun run = ResumeAfterStopITCase.KafkaRun.start(kafka, config, output, "silent-stream", state, null);
        run.awaitRecordsRead(beforeTheSilence.size());
        Thread.sleep(IDLENESS.multipliedBy(5).toMillis());
        kafka.send(ResumedEventTimeITCase.everyTenMinutesOnBothPartitions(121, 121));
        run.awaitRecordsRead(beforeTheSilence.size() + 2);
        run.stop();

        ResumeAfterStopITCase.KafkaRun resumed = ResumeAfterStopITCase.KafkaRun.start(kafka, config, output, "silent-stream", state,
                state.newest().orElseThrow());
        Thread.sleep(IDLENESS.multipliedBy(5).toMillis());
        kafka.send(ResumedEventTimeITCase.everyTenMinutesOnBothPartitions(160, 160));
        resumed.awaitRecordsRead(2);
        resumed.stop();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void noPostAfterTheSilenceIsTooLate() throws Exception {
        assertThat(read(EarshotSinks.DEAD_LETTERS, DeadLetter.class)).isEmpty();
    }

    /**
     * Each window as it last fired. A window may fire more than once: after the silence, one channel's posts can move
     * event time on before another channel's are in, and those then correct the window within
     * {@code aggregate.allowedLateness}, as any late post does.
     */
    @Test
    void theWindowsFireUpToWhereThePostsBroughtEventTimeAndNoFurther() throws Exception {
        Map<Instant, Long> postsByWindowEnd = read(EarshotSinks.STATS, TopicLocationStats.class).stream()
                .filter(stats -> stats.level() == LocationLevel.CITY && stats.view() == StatsView.SLIDING)
                .collect(Collectors.toMap(TopicLocationStats::windowEnd, TopicLocationStats::posts, (earlier, later) -> later,
                        LinkedHashMap::new));

        assertThat(postsByWindowEnd.keySet()).containsExactly(
                T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofMinutes(60)), T0.plus(Duration.ofMinutes(90)),
                T0.plus(Duration.ofMinutes(120)), T0.plus(Duration.ofMinutes(150)));
        assertThat(postsByWindowEnd.get(T0.plus(Duration.ofMinutes(150))))
                .as("[08:30, 10:30): ten posts a partition before the silence, one after").isEqualTo(22L);
    }

    private static <T> List<T> read(String name, Class<T> type) throws Exception {
        Path file = output.resolve(name + ".jsonl");
        return Files.exists(file) ? Files.readAllLines(file).stream().map(line -> Json.read(line, type)).toList() : List.of();
    }
}
