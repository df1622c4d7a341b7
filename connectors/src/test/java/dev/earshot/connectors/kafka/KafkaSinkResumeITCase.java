package dev.earshot.connectors.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.LoggedEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.internal.FlinkKafkaInternalProducer;
import org.apache.flink.connector.kafka.sink.internal.KafkaCommitter;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why flink-connector-kafka logs "its producer is already fenced ... this most likely signals data loss" after a
 * stop with a savepoint and a resume, and why nothing is lost. A job copies a topic into another through an
 * exactly-once {@link KafkaSinks} sink, with no periodic checkpoint, so that every record is in the savepoint's
 * transaction. The stop commits that transaction; the savepoint still holds it (Flink snapshots the committer before
 * it commits), so the resumed job commits it again. On a broker with Kafka's transaction version 2 (KIP-890, the
 * default of a Kafka 4 cluster) each commit bumps the producer epoch, the second commit carries the old epoch and
 * is refused as fenced; with transaction version 1 the second commit is a no-op and nothing is logged.
 */
class KafkaSinkResumeITCase {

    private static final String IN = "resume.in";
    private static final String OUT = "resume.out";
    private static final String PREFIX = "resume-it";
    private static final Pattern TRANSACTIONAL_ID = Pattern.compile("transactionalId='([^']+)'");

    @TempDir
    Path savepoints;

    private LoggedEvents committerErrors;

    @BeforeEach
    void captureTheCommittersErrors() {
        committerErrors = new LoggedEvents(KafkaCommitter.class, Level.ERROR);
    }

    @AfterEach
    void stopCapturing() {
        committerErrors.close();
    }

    @Test
    void onTransactionVersion2TheResumeRecommitsTheSavepointsCommittedTransactionAndLogsItAsFencedLosingNothing()
            throws Exception {
        try (LocalKafka kafka = LocalKafka.start(); Admin admin = admin(kafka)) {
            assertThat(transactionVersion(admin)).as("a Kafka 4 cluster's default").isEqualTo((short) 2);

            String savepoint = stopAndResume(kafka);

            assertThat(committerErrors.events()).as("one fenced commit, of the savepoint's transaction").hasSize(1);
            String message = committerErrors.events().get(0).getMessage().getFormattedMessage();
            assertThat(message).contains("because its producer is already fenced", "signals data loss");
            Matcher id = TRANSACTIONAL_ID.matcher(message);
            assertThat(id.find()).as(message).isTrue();
            // <prefix>-<subtask>-<checkpoint>: the transaction that the savepoint (checkpoint 1) precommitted
            assertThat(id.group(1)).as("from savepoint %s", savepoint).isEqualTo(PREFIX + "-values-0-1");
            TransactionDescription savepointsTransaction = admin.describeTransactions(List.of(id.group(1)))
                    .all().get().get(id.group(1));
            assertThat(savepointsTransaction.state()).as("committed by the stopped run").isEqualTo(TransactionState.COMPLETE_COMMIT);
            assertThat(committedValues(kafka)).as("every input once").isEqualTo(values(0, 20));
        }
    }

    @Test
    void onTransactionVersion1TheSameRecommitIsANoOpAndLogsNothing() throws Exception {
        try (LocalKafka kafka = LocalKafka.start(); Admin admin = admin(kafka)) {
            admin.updateFeatures(Map.of("transaction.version", new FeatureUpdate((short) 1,
                    FeatureUpdate.UpgradeType.SAFE_DOWNGRADE)), new UpdateFeaturesOptions()).all().get();
            awaitTransactionVersion(admin, (short) 1);

            stopAndResume(kafka);

            assertThat(committerErrors.events()).isEmpty();
            assertThat(committedValues(kafka)).isEqualTo(values(0, 20));
        }
    }

    /**
     * What the same ERROR means when it is real: the broker aborted the transaction before anyone committed it (its
     * {@code transaction.timeout.ms} ran out, e.g. a job restored from a checkpoint long after a crash). The
     * recovery commit is refused with the same message, the broker describes the transaction as CompleteAbort, and
     * its records are gone; a transaction still open at the recovery is committed without a word.
     */
    @Test
    void theSameErrorForATransactionTheBrokerAbortedMeansItsRecordsAreLost() throws Exception {
        try (LocalKafka kafka = LocalKafka.start(); Admin admin = admin(kafka)) {
            kafka.createTopic(OUT, 1);
            Request open = recover(kafka, precommitted(kafka, PREFIX + "-0-1", "open"));
            KafkaCommittable toAbort = precommitted(kafka, PREFIX + "-0-2", "aborted");
            toAbort.getProducer().orElseThrow().abortTransaction(); // as the broker does when the timeout runs out
            Request aborted = recover(kafka, toAbort);

            assertThat(open.failure).isNull();
            assertThat(aborted.failure).isInstanceOf(ProducerFencedException.class);
            assertThat(committerErrors.events()).singleElement().extracting(event -> event.getMessage().getFormattedMessage())
                    .asString().contains(PREFIX + "-0-2", "because its producer is already fenced");
            assertThat(admin.describeTransactions(List.of(PREFIX + "-0-2")).all().get().get(PREFIX + "-0-2").state())
                    .isEqualTo(TransactionState.COMPLETE_ABORT);
            assertThat(committedValues(kafka)).containsExactly("open");
        }
    }

    /** A transaction with one record, flushed and precommitted as the writer leaves it at a checkpoint. */
    private static KafkaCommittable precommitted(LocalKafka kafka, String transactionalId, String value) {
        var producer = new FlinkKafkaInternalProducer<byte[], byte[]>(producerConfig(kafka), transactionalId);
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(OUT, value.getBytes(UTF_8), value.getBytes(UTF_8)));
        producer.flush();
        KafkaCommittable committable = KafkaCommittable.of(producer);
        producer.precommitTransaction();
        return committable;
    }

    /** Commits {@code committable} as a restored committer does: from its producer id and epoch alone. */
    private static Request recover(LocalKafka kafka, KafkaCommittable committable) throws Exception {
        Request request = new Request(new KafkaCommittable(committable.getProducerId(), committable.getEpoch(),
                committable.getTransactionalId(), null));
        try (KafkaCommitter committer = new KafkaCommitter(producerConfig(kafka), PREFIX, 0, 1, false,
                FlinkKafkaInternalProducer::new)) {
            committer.commit(List.of(request));
        }
        committable.getProducer().orElseThrow().close();
        return request;
    }

    private static Properties producerConfig(LocalKafka kafka) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(KafkaOptions.TRANSACTION_TIMEOUT.toMillis()));
        return config;
    }

    /** A commit request that notes how the committer ended it. */
    private static final class Request implements Committer.CommitRequest<KafkaCommittable> {

        private final KafkaCommittable committable;
        private Throwable failure;

        Request(KafkaCommittable committable) {
            this.committable = committable;
        }

        @Override
        public KafkaCommittable getCommittable() {
            return committable;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            failure = t;
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            failure = t;
        }

        @Override
        public void retryLater() {
            failure = new AssertionError("asked to retry");
        }

        @Override
        public void updateAndRetryLater(KafkaCommittable committable) {
            failure = new AssertionError("asked to retry");
        }

        @Override
        public void signalAlreadyCommitted() {
        }

        @Override
        public String toString() {
            return "CommitRequest{committable=" + committable + "}";
        }
    }

    /** Copies 10 values, stops with a savepoint, copies 10 more from it and stops again; returns the savepoint. */
    private String stopAndResume(LocalKafka kafka) throws Exception {
        kafka.createTopic(IN, 1);
        kafka.createTopic(OUT, 1);
        kafka.send(records(values(0, 10)));
        String savepoint = runUntilWrittenThenStop(kafka, null, 10);
        assertThat(committedValues(kafka)).as("committed by the stop").isEqualTo(values(0, 10));
        assertThat(committerErrors.events()).as("before the resume").isEmpty();

        kafka.send(records(values(10, 20)));
        runUntilWrittenThenStop(kafka, savepoint, 20);
        return savepoint;
    }

    private String runUntilWrittenThenStop(LocalKafka kafka, String resumeFrom, int written) throws Exception {
        KafkaOptions options = KafkaOptions.builder().bootstrapServers(kafka.bootstrapServers()).postsTopic(IN)
                .groupId("resume-it").transactionalIdPrefix(PREFIX).build();
        Configuration config = new Configuration();
        if (resumeFrom != null) {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, resumeFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        // No periodic checkpoint: every record is written in the transaction that the savepoint precommits.
        env.enableCheckpointing(Duration.ofHours(1).toMillis());
        env.fromSource(KafkaPostSource.values(options), WatermarkStrategy.noWatermarks(), "in")
                .sinkTo(KafkaSinks.json(options, OUT, "values", value -> value));
        JobClient job = env.executeAsync("kafka sink resume");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (kafka.readAll(OUT, "read_uncommitted").size() < written) {
            assertThat(Instant.now()).as("%d records written in time", written).isBefore(deadline);
            Thread.sleep(200);
        }
        String savepoint = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(60, TimeUnit.SECONDS);
        job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        return savepoint;
    }

    private static List<String> committedValues(LocalKafka kafka) {
        return kafka.readAll(OUT, "read_committed").stream().map(ConsumerRecord::key)
                .map(key -> new String(key, UTF_8)).toList();
    }

    private static List<String> values(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "v" + i).toList();
    }

    private static List<ProducerRecord<byte[], byte[]>> records(List<String> values) {
        return values.stream().map(value -> new ProducerRecord<byte[], byte[]>(IN, 0, null, value.getBytes(UTF_8))).toList();
    }

    private static Admin admin(LocalKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static short transactionVersion(Admin admin) throws Exception {
        var range = admin.describeFeatures().featureMetadata().get().finalizedFeatures().get("transaction.version");
        return range == null ? 0 : range.maxVersionLevel();
    }

    private static void awaitTransactionVersion(Admin admin, short version) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (transactionVersion(admin) != version) {
            assertThat(Instant.now()).as("transaction.version %d in time", version).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
