package dev.earshot.connectors.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.RawRecord;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Jetstream source in a Flink job on a MiniCluster: events reach the sink; after a failure the job restores
 * the checkpointed cursor, asks Jetstream to replay from it, and the sink gets every event exactly once.
 */
class LiveSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final long T0 = 1_795_000_000_000_000L;
    private static final int HALF = 1_000;
    private static final Queue<RawRecord> COLLECTED = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger CHECKPOINTS = new AtomicInteger();
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    @Test
    void aJobReadsJetstreamAndAfterAFailureResumesFromTheCheckpointedCursorLosingAndRepeatingNothing() throws Exception {
        try (FakeJetstream jetstream = new FakeJetstream()) {
            LongStream.rangeClosed(1, HALF).forEach(i -> jetstream.publish(FakeJetstream.postCreate(T0 + i, "post " + i)));
            Configuration config = new Configuration();
            config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
            env.setParallelism(1);
            env.enableCheckpointing(100);
            BlueskyOptions options = BlueskyOptions.defaults().withEndpoint(jetstream.endpoint())
                    .withReconnect(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
            env.fromSource(LiveSources.bluesky(options), WatermarkStrategy.noWatermarks(), "bluesky", TypeInformation.of(RawRecord.class))
                    .setParallelism(1)
                    .map(new FailOnceAtTheSecondHalf()).returns(RawRecord.class)
                    .sinkTo(new CollectingSink());
            JobClient job = env.executeAsync("live source test");
            try {
                await(() -> COLLECTED.size() == HALF);
                int checkpointsBefore = CHECKPOINTS.get();
                await(() -> CHECKPOINTS.get() >= checkpointsBefore + 2); // one that holds the whole first half
                LongStream.rangeClosed(HALF + 1, 2 * HALF).forEach(i -> jetstream.publish(FakeJetstream.postCreate(T0 + i, "post " + i)));
                await(() -> COLLECTED.size() >= 2 * HALF);
                Thread.sleep(300);

                assertThat(FAILED).as("the job failed once").isTrue();
                assertThat(COLLECTED).extracting(RawRecord::origin).containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 2 * HALF).mapToObj(i -> "bluesky-jetstream cursor=" + (T0 + i)).toList());
                List<String> requests = List.copyOf(jetstream.requests);
                assertThat(requests.get(0)).isEqualTo("/subscribe?wantedCollections=app.bsky.feed.post");
                assertThat(requests.get(requests.size() - 1))
                        .isEqualTo("/subscribe?wantedCollections=app.bsky.feed.post&cursor=" + (T0 + HALF));
            } finally {
                job.cancel().get();
                await(() -> job.getJobStatus().join() == JobStatus.CANCELED);
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s; collected %d", COLLECTED.size()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Fails the job once, at the second half's first event, after checkpoints covered the first half. */
    private static final class FailOnceAtTheSecondHalf implements MapFunction<RawRecord, RawRecord>, CheckpointListener {

        @Override
        public RawRecord map(RawRecord record) {
            if (record.origin().equals("bluesky-jetstream cursor=" + (T0 + HALF + 1)) && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("failure injected by the test");
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.incrementAndGet();
        }
    }

    /** Collects into a static queue: the MiniCluster runs in this JVM. */
    private static final class CollectingSink implements Sink<RawRecord> {

        @Override
        public SinkWriter<RawRecord> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(RawRecord record, Context context) {
                    COLLECTED.add(record);
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
