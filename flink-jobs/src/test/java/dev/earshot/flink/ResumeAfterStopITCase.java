package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.kafka.LocalKafka;
import dev.earshot.connectors.kafka.KafkaOptions;
import dev.earshot.connectors.kafka.KafkaPostSource;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.Author;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.Post;
import dev.earshot.model.TicketStatus;
import dev.earshot.sample.SampleScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on Kafka stopped the way {@code earshot run} stops it on Ctrl-C (a savepoint that does not drain, in
 * {@code checkpoint.dir}) and started again from that state gives the same outputs as one uninterrupted run. The
 * stream is the bundled sample up to 2026-03-04 13:00, stopped at 07:00, in the middle of the Bengaluru parking
 * incident and of a venting customer's conversation. Both runs end the same way: stopped once every record is read,
 * after a last post a day later, which makes every earlier window fire.
 */
class ResumeAfterStopITCase {

    /** The sample's lines at 2026-03-04T07:00 and six hours later. */
    private static final int STOP_AT = 13_930;
    private static final int END_AT = 16_000;

    @TempDir
    static Path dir;

    static LocalKafka kafka;
    static Path uninterrupted;
    static Path resumed;
    static Path stateDir;
    static Path firstRun;
    static List<Path> savedAfterTheStop;
    static List<Path> checkpointsAfterTheStop;

    @BeforeAll
    static void runOnceWholeAndOnceStoppedAndResumed() throws Exception {
        kafka = LocalKafka.start();
        kafka.createTopic(KafkaOptions.POSTS_TOPIC, 2);
        List<String> lines = new ArrayList<>(BundledSample.lines().subList(0, END_AT));
        // A post a day later on each partition: both runs end with the same watermark, so the same windows fire.
        Instant later = SampleScenario.PERIOD_START.plus(Duration.ofDays(5));
        for (int partition = 0; partition < 2; partition++) {
            lines.add(Json.write(new Post("forum:later-" + partition, "forum", later, "The last post", "en",
                    new Author("a1", "a1", 0, null), null, null, null, null, null, null, null, null)));
        }
        uninterrupted = Files.createDirectories(dir.resolve("uninterrupted"));
        resumed = Files.createDirectories(dir.resolve("resumed"));
        firstRun = Files.createDirectories(dir.resolve("first-run"));
        SavedState state = new SavedState(dir.resolve("state"));
        stateDir = state.dir();

        kafka.send(KafkaWorkflowITCase.postRecords(KafkaOptions.POSTS_TOPIC, lines.subList(0, STOP_AT)));
        run(kafka, resumed, "resumed", state, null, STOP_AT);
        // what the stop left in the files: no window emitted early, no alert resolved early
        for (String file : List.of(EarshotSinks.ALERTS, EarshotSinks.TICKETS, EarshotSinks.STATS)) {
            Files.copy(resumed.resolve(file + ".jsonl"), firstRun.resolve(file + ".jsonl"));
        }
        try (Stream<Path> savepoints = Files.list(stateDir.resolve(SavedState.SAVEPOINTS));
                Stream<Path> checkpoints = Files.list(stateDir.resolve(SavedState.CHECKPOINTS))) {
            savedAfterTheStop = savepoints.filter(savepoint -> Files.isRegularFile(savepoint.resolve("_metadata"))).toList();
            checkpointsAfterTheStop = checkpoints.toList();
        }
        kafka.send(KafkaWorkflowITCase.postRecords(KafkaOptions.POSTS_TOPIC, lines.subList(STOP_AT, lines.size())));
        run(kafka, resumed, "resumed", state, state.newest().orElseThrow(), lines.size() - STOP_AT);

        run(kafka, uninterrupted, "uninterrupted", new SavedState(dir.resolve("uninterrupted-state")), null, lines.size());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void theStopKeepsOneSavepointAndNoCheckpointInTheStateFolder() {
        assertThat(savedAfterTheStop).as("complete savepoints").hasSize(1);
        assertThat(checkpointsAfterTheStop).isEmpty();
    }

    @Test
    void eachVentingCustomerHasOneTicketWithTheSameVersionsAsInOneRun() {
        List<HandoffTicket> tickets = read(resumed, EarshotSinks.TICKETS, HandoffTicket.class);

        assertThat(tickets).filteredOn(ticket -> ticket.status() == TicketStatus.OPEN)
                .extracting(ticket -> ticket.customer().id()).isNotEmpty().doesNotHaveDuplicates();
        assertThat(tickets.stream().map(ResumeAfterStopITCase::version))
                .containsExactlyInAnyOrderElementsOf(read(uninterrupted, EarshotSinks.TICKETS, HandoffTicket.class).stream()
                        .map(ResumeAfterStopITCase::version).toList());
    }

    /**
     * Alerts are compared by incident (kind, topic, place) rather than by id, and PEER_OUTLIER versions not at all: at
     * parallelism 2 the parking PEER_OUTLIER opens at 06:00 or at 06:30 (id 82fe64d25afb1d8c0981 or
     * 84964567570871bdb472) from one uninterrupted run to the next, so it is held only to being one alert.
     */
    @Test
    void alertsOpenAtTheStopAreNotResolvedByItAndEachIncidentIsOneAlert() {
        List<Alert> atStop = read(firstRun, EarshotSinks.ALERTS, Alert.class);
        List<Alert> oneRun = read(uninterrupted, EarshotSinks.ALERTS, Alert.class);
        List<Alert> alerts = read(resumed, EarshotSinks.ALERTS, Alert.class);

        assertThat(atStop).as("incidents open at the stop").isNotEmpty();
        assertThat(atStop).filteredOn(alert -> alert.status() == AlertStatus.RESOLVED).map(ResumeAfterStopITCase::version)
                .isSubsetOf(oneRun.stream().map(ResumeAfterStopITCase::version).toList());
        assertThat(idsPerIncident(alerts)).isEqualTo(idsPerIncident(oneRun));
        assertThat(alerts.stream().filter(alert -> alert.kind() != AlertKind.PEER_OUTLIER).map(ResumeAfterStopITCase::version))
                .containsExactlyInAnyOrderElementsOf(oneRun.stream().filter(alert -> alert.kind() != AlertKind.PEER_OUTLIER)
                        .map(ResumeAfterStopITCase::version).toList());
    }

    private static Map<String, Long> idsPerIncident(List<Alert> alerts) {
        return alerts.stream().collect(Collectors.groupingBy(ResumeAfterStopITCase::incident,
                Collectors.collectingAndThen(Collectors.mapping(Alert::id, Collectors.toSet()), ids -> (long) ids.size())));
    }

    private static String incident(Alert alert) {
        return alert.kind() + " " + alert.topic() + " " + alert.locationId();
    }

    private static String version(Alert alert) {
        return incident(alert) + " " + alert.status() + " " + alert.windowEnd();
    }

    private static String version(HandoffTicket ticket) {
        return ticket.id() + " " + ticket.status() + " " + ticket.posts().stream().map(post -> post.id()).toList();
    }

    @Test
    void eachWindowIsEmittedOnceWithTheCountsOfOneRun() throws Exception {
        List<String> stats = lines(resumed, EarshotSinks.STATS);

        assertThat(lines(firstRun, EarshotSinks.STATS)).isNotEmpty();
        assertThat(stats).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(lines(uninterrupted, EarshotSinks.STATS));
    }

    /** Runs the job on Kafka until it has read {@code records}, then stops it as {@code earshot run} does on Ctrl-C. */
    static void run(LocalKafka kafka, Path output, String group, SavedState state, SavedState.Snapshot resumeFrom, long records)
            throws Exception {
        KafkaRun run = KafkaRun.start(kafka, EarshotConfig.defaults(), output, group, state, resumeFrom);
        run.awaitRecordsRead(records);
        run.stop();
    }

    /** A job on Kafka at parallelism 2, writing files, with its state in a {@link SavedState}. */
    record KafkaRun(JobClient job, CompletableFuture<JobExecutionResult> finished, SavedState state) {

        static KafkaRun start(LocalKafka kafka, EarshotConfig config, Path output, String group, SavedState state,
                SavedState.Snapshot resumeFrom) throws Exception {
            KafkaOptions options = KafkaOptions.builder().bootstrapServers(kafka.bootstrapServers()).groupId(group).build();
            Configuration flinkConfig = new Configuration();
            flinkConfig.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig);
            env.setParallelism(2);
            env.enableCheckpointing(2_000);
            state.configure(env, resumeFrom);
            new EarshotJob(config, RecordSource.withOrigins(KafkaPostSource.withOrigins(options),
                    options.postsTopic()), EarshotSinks.jsonLines(output)).build(env);
            JobClient job = env.executeAsync("earshot on kafka");
            return new KafkaRun(job, job.getJobExecutionResult(), state);
        }

        /** Waits until the job has read {@code records} records since it started. */
        void awaitRecordsRead(long records) throws Exception {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (recordsRead() < records) {
                assertThat(Instant.now()).as("read %d records in time", records).isBefore(deadline);
                assertThat(finished).isNotDone();
                Thread.sleep(200);
            }
        }

        /** Stops the job as {@code earshot run} does on Ctrl-C: a savepoint that does not drain. */
        void stop() throws Exception {
            assertThat(state.stop(job, finished, Instant.now().plus(Duration.ofSeconds(60)))).isNotNull();
            finished.get();
        }

        private long recordsRead() throws Exception {
            Object read = job.getAccumulators().get().get(Counters.RECORDS_READ);
            return read == null ? 0 : ((Number) read).longValue();
        }
    }

    private static List<String> lines(Path output, String name) throws Exception {
        return Files.readAllLines(output.resolve(name + ".jsonl"));
    }

    private static <T> List<T> read(Path output, String name, Class<T> type) {
        try {
            return lines(output, name).stream().map(line -> Json.read(line, type)).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
