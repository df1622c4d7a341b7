package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * A job on a local MiniCluster, as {@code earshot run} starts one, whose operator fails in its first attempt: the
 * exception history names that operator and the exception it threw, once, and the job then finishes.
 */
class RestartCausesITCase {

    @Test
    void theFailureOfTheFirstAttemptIsReadWithItsOperatorAndRootCause() throws Exception {
        Configuration flinkConfig = new Configuration();
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        // Long enough for the history to be read between the failure and the end of the job.
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(3));
        List<RestartCauses.Failure> failures = new ArrayList<>();
        try (LocalCluster cluster = new LocalCluster()) {
            StreamExecutionEnvironment env = cluster.environment(flinkConfig);
            env.setParallelism(2);
            env.fromSequence(1, 1_000).map(new FailsInItsFirstAttempt()).name("fails once").sinkTo(new DiscardingSink<>());

            JobClient job = env.executeAsync("fails once");
            CompletableFuture<JobExecutionResult> finished = job.getJobExecutionResult();
            try (RestartCauses causes = new RestartCauses(new Configuration(), cluster::restAddress)) {
                while (!finished.isDone()) {
                    failures.addAll(causes.newFailures(job.getJobID()));
                    Thread.sleep(200);
                }
            }
            finished.get(1, TimeUnit.MINUTES);
        }

        assertThat(failures).hasSize(1);
        RestartCauses.Failure failure = failures.get(0);
        assertThat(failure.task()).contains("fails once").doesNotContain("execution #");
        assertThat(failure.cause()).isEqualTo("RuntimeException: could not map 500; caused by IllegalStateException: "
                + "planted in attempt 0 at 500");
        assertThat(failure.stackTrace()).contains("FailsInItsFirstAttempt.map");
    }

    /**
     * The failure that ends a job is read after its end: the local cluster keeps answering until it is closed, where
     * Flink's local executor would have shut it down as the job ended.
     */
    @Test
    void theFailureThatEndsTheJobIsReadAfterItsEnd() throws Exception {
        Configuration flinkConfig = new Configuration();
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        try (LocalCluster cluster = new LocalCluster()) {
            StreamExecutionEnvironment env = cluster.environment(flinkConfig);
            env.setParallelism(1);
            env.fromSequence(1, 1_000).map(new FailsInItsFirstAttempt()).name("fails for good").sinkTo(new DiscardingSink<>());
            JobClient job = env.executeAsync("fails for good");
            assertThat(job.getJobExecutionResult()).failsWithin(1, TimeUnit.MINUTES);

            List<RestartCauses.Failure> failures = new ArrayList<>();
            try (RestartCauses causes = new RestartCauses(new Configuration(), cluster::restAddress)) {
                // Flink's REST API answers from what it read up to a second before.
                for (int asked = 0; failures.isEmpty() && asked < 20; asked++) {
                    failures.addAll(causes.newFailures(job.getJobID()));
                    Thread.sleep(200);
                }
            }
            assertThat(failures).singleElement().satisfies(failure -> {
                assertThat(failure.task()).contains("fails for good");
                assertThat(failure.cause()).endsWith("caused by IllegalStateException: planted in attempt 0 at 500");
            });
        }
    }

    /** Wraps its failure as operators usually do, so that the root cause is not the outermost exception. */
    private static final class FailsInItsFirstAttempt extends RichMapFunction<Long, Long> {

        private int attempt;

        @Override
        public void open(OpenContext context) {
            attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        }

        @Override
        public Long map(Long value) {
            if (attempt == 0 && value == 500) {
                throw new RuntimeException("could not map " + value,
                        new IllegalStateException("planted in attempt " + attempt + " at " + value));
            }
            return value;
        }
    }
}
