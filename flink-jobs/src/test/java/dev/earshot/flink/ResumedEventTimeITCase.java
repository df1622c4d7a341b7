package dev.earshot.flink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.kafka.KafkaOptions;
import dev.earshot.connectors.kafka.LocalKafka;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on Kafka stopped with a savepoint and resumed judges a post at the event time where the stopped run was, as
 * the stopped run would have: a post older than every window it belongs to is a too-late dead letter, not the only
 * post of windows that already fired and fire again. Both partitions carry a parking post every 10 minutes from
 * 08:00 to 12:00, so that the stopped run's event time is 11:55 on both (12:00 less the 5 minutes of out-of-order
 * posts); the resumed run first reads a post of 08:05 (nearly four hours behind), then posts to 14:00.
 */
class ResumedEventTimeITCase {

    private static final Instant T0 = LatePostsITCase.T0;
    private static final Instant OLD_POST_AT = T0.plus(Duration.ofMinutes(5));

    @TempDir
    static Path dir;

    static LocalKafka kafka;
    static Path output;
    static int statsOfTheStoppedRun;
    static int deadLettersOfTheStoppedRun;

    @BeforeAll
    static void stopAtNoonAndResumeWithAPostOfEightOClock() throws Exception {
        kafka = LocalKafka.start();
        kafka.createTopic(KafkaOptions.POSTS_TOPIC, 2);
        output = Files.createDirectories(dir.resolve("output"));
        SavedState state = new SavedState(dir.resolve("state"));

        List<ProducerRecord<byte[], byte[]>> untilNoon = everyTenMinutesOnBothPartitions(0, 240);
        kafka.send(untilNoon);
        ResumeAfterStopITCase.run(kafka, output, "resumed-event-time", state, null, untilNoon.size());
        statsOfTheStoppedRun = lines(EarshotSinks.STATS).size();
        deadLettersOfTheStoppedRun = lines(EarshotSinks.DEAD_LETTERS).size();

        List<ProducerRecord<byte[], byte[]>> afterTheResume = new ArrayList<>();
        afterTheResume.add(record(0, LatePostsITCase.parkingPost("far-too-late", OLD_POST_AT)));
        afterTheResume.addAll(everyTenMinutesOnBothPartitions(250, 360));
        kafka.send(afterTheResume);
        ResumeAfterStopITCase.run(kafka, output, "resumed-event-time", state, state.newest().orElseThrow(),
                afterTheResume.size());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aPostOlderThanWhereTheStoppedRunWasIsATooLateDeadLetter() throws Exception {
        List<DeadLetter> resumedRun = read(EarshotSinks.DEAD_LETTERS, DeadLetter.class, deadLettersOfTheStoppedRun);

        assertThat(deadLettersOfTheStoppedRun).isZero();
        assertThat(resumedRun).singleElement().satisfies(letter -> {
            assertThat(letter.stage()).isEqualTo("aggregate");
            assertThat(letter.origin()).isEqualTo("forum:far-too-late");
            assertThat(letter.reason()).contains("too late for the parking windows",
                    "arrived when event time was already " + T0.plus(Duration.ofMinutes(235)).minusMillis(1));
        });
    }

    @Test
    void noWindowThatFiredBeforeTheStopFiresAgainWithTheOldPostAlone() throws Exception {
        List<TopicLocationStats> resumedRun = read(EarshotSinks.STATS, TopicLocationStats.class, statsOfTheStoppedRun);

        assertThat(read(EarshotSinks.STATS, TopicLocationStats.class, 0))
                .as("the stopped run emitted the windows of the old post").anySatisfy(stats -> assertThat(holdsTheOldPost(stats)).isTrue());
        assertThat(resumedRun).as("windows the resumed run emitted").isNotEmpty()
                .noneMatch(ResumedEventTimeITCase::holdsTheOldPost);
    }

    private static boolean holdsTheOldPost(TopicLocationStats stats) {
        return stats.view() == StatsView.SLIDING && !stats.windowStart().isAfter(OLD_POST_AT)
                && stats.windowEnd().isAfter(OLD_POST_AT);
    }

    /** A parking post at every 10 minutes from {@code fromMinute} to {@code toMinute} after 08:00 on both partitions. */
    static List<ProducerRecord<byte[], byte[]>> everyTenMinutesOnBothPartitions(int fromMinute, int toMinute) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int minute = fromMinute; minute <= toMinute; minute += 10) {
            for (int partition = 0; partition < 2; partition++) {
                records.add(record(partition, LatePostsITCase.parkingPost("p" + minute + "-" + partition,
                        T0.plus(Duration.ofMinutes(minute)))));
            }
        }
        return records;
    }

    static ProducerRecord<byte[], byte[]> record(int partition, String line) {
        return new ProducerRecord<>(KafkaOptions.POSTS_TOPIC, partition, null, line.getBytes(UTF_8));
    }

    private static List<String> lines(String name) throws Exception {
        Path file = output.resolve(name + ".jsonl");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** The lines of {@code name} after the first {@code skip}, which an earlier run wrote. */
    private static <T> List<T> read(String name, Class<T> type, int skip) throws Exception {
        return lines(name).stream().skip(skip).map(line -> Json.read(line, type)).toList();
    }
}
