package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.RawRecord;
import dev.earshot.parse.ParseParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * A file read through before a checkpoint, and the job failing after it: Flink restarts it from that checkpoint, so
 * the job's final counters hold nothing of the reading. Where the read stage had finished at the checkpoint, Flink does
 * not start it again and its counters are gone; where it had not, they count from zero. The looks at the counters
 * while the first attempt ran have them (ReadStageCounts in the CLI keeps them). The restart is still counted, by the
 * operators that run again.
 */
class CountsAfterTheInputEndedITCase {

    private static final int RECORDS = 20;
    /** What the input passed to the parse stage in the first attempt (one JVM: the MiniCluster's). */
    private static volatile int passedOn;

    @Test
    void theFinalCountersHoldNothingOfAnInputReadThroughBeforeTheCheckpoint() throws Exception {
        passedOn = 0;
        Configuration flinkConfig = new Configuration();
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig);
        env.setParallelism(1);
        env.enableCheckpointing(100);
        List<RawRecord> records = IntStream.range(0, RECORDS).mapToObj(i -> new RawRecord("{\"id\":\"bluesky:" + i
                + "\",\"source\":\"bluesky\",\"createdAt\":\"2026-03-02T00:00:21Z\",\"text\":\"post " + i + "\"}", "file:" + i)).toList();
        DataStream<Long> parsed = env.fromData(records, Types.RAW_RECORD)
                .map(record -> {
                    passedOn++;
                    return record;
                }).returns(Types.RAW_RECORD)
                .process(new ParsePosts(ParseParams.defaults()), PostEvent.TYPE)
                .map(event -> 1L).returns(BasicTypeInfo.LONG_TYPE_INFO);
        DataStream<Long> ticks = env.fromSequence(1, 3_000).map(new Ticks());
        parsed.union(ticks).keyBy(tick -> 0).map(new FailsOnceAfterACheckpointPastTheInput()).returns(BasicTypeInfo.LONG_TYPE_INFO)
                .sinkTo(new DiscardingSink<>());

        JobClient job = env.executeAsync("input read through, then a failure");
        List<Map<String, Object>> looks = new ArrayList<>();
        while (!job.getJobExecutionResult().isDone()) {
            try {
                looks.add(job.getAccumulators().get());
            } catch (ExecutionException | IllegalStateException endedMeanwhile) { // the local cluster went with the job
                break;
            }
            Thread.sleep(50);
        }
        Map<String, Object> counters = job.getJobExecutionResult().get().getAllAccumulatorResults();

        assertThat(passedOn).as("the whole input was read in the first attempt").isEqualTo(RECORDS);
        assertThat(counters.get(Counters.RECORDS_READ)).as("nothing is read again: the read stage is not started again"
                + " where it had finished at the checkpoint, and reads nothing where it had not").isIn(null, 0L);
        assertThat(counters).as("the restart is counted by the operators that run again").containsEntry(Counters.RESTARTS, 1L);
        assertThat(looks).as("looked at while the first attempt ran").anySatisfy(look -> assertThat(look)
                .containsEntry(Counters.RECORDS_READ, (long) RECORDS).containsEntry(Counters.RESTARTS, 0L));
    }

    /** Keeps the job running, a tick every 20 ms in the first attempt, until the failure; then ends at once. */
    private static final class Ticks extends RichMapFunction<Long, Long> {

        private int attempt;

        @Override
        public void open(OpenContext context) {
            attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        }

        @Override
        public Long map(Long tick) throws InterruptedException {
            if (attempt == 0) {
                Thread.sleep(20);
            }
            return 0L;
        }
    }

    /** In the first attempt, fails at the first tick after a checkpoint completed once every record had passed. */
    private static final class FailsOnceAfterACheckpointPastTheInput extends RichMapFunction<Long, Long>
            implements CheckpointListener {

        private int attempt;
        private JobCounter passed;
        /** Checkpoints completed since every record had passed: the third was surely taken after the last. */
        private int checkpointsPastTheInput;

        @Override
        public void open(OpenContext context) {
            attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
            passed = JobCounter.register(getRuntimeContext(), Counters.WINDOW_STATS); // an operator that counts
        }

        @Override
        public Long map(Long value) {
            passed.increment();
            if (attempt == 0 && checkpointsPastTheInput >= 3) {
                throw new IllegalStateException("planted failure after the input was read through");
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (passedOn == RECORDS) {
                checkpointsPastTheInput++;
            }
        }
    }
}
