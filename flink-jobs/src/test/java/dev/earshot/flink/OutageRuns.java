package dev.earshot.flink;

import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What the outage tests share: a job that restarts from its checkpoints, and the latest version of each output. */
final class OutageRuns {

    private OutageRuns() {
    }

    /** Parallelism 2, a checkpoint a second, and restarts enough to outlast an outage of the test's length. */
    static StreamExecutionEnvironment restartingEnvironment() {
        return restartingEnvironment(new Configuration());
    }

    /**
     * As {@link #restartingEnvironment()}, on top of {@code cluster}. Called outside a test method (where
     * MiniClusterExtension has not yet set the test cluster as the context), this starts a local cluster of its own,
     * as {@code earshot run} does, with {@code cluster}'s settings.
     */
    static StreamExecutionEnvironment restartingEnvironment(Configuration cluster) {
        Configuration restarts = new Configuration(cluster);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        return environment(restarts);
    }

    /** Parallelism 2 and a checkpoint a second, on top of {@code cluster}, which says how the job restarts. */
    static StreamExecutionEnvironment environment(Configuration cluster) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        return env;
    }

    /**
     * The job's result, or, if it has not finished within {@code timeout}, every thread's stack on standard out before
     * the timeout is thrown: a job that hangs in a failover is diagnosed from the test's own log.
     */
    static JobExecutionResult awaitResult(JobClient job, Duration timeout) throws Exception {
        try {
            return job.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            StringBuilder dump = new StringBuilder("The job did not finish within " + timeout + "; its threads:\n");
            for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
                if (thread.getLockName() != null) {
                    dump.append(" on ").append(thread.getLockName());
                }
                dump.append('\n');
                for (StackTraceElement frame : thread.getStackTrace()) {
                    dump.append("\tat ").append(frame).append('\n');
                }
            }
            System.out.println(dump);
            throw e;
        }
    }

    /** The last line of each id in an output file: the files may repeat lines written after the last checkpoint. */
    static <T> Map<String, T> latestInFile(Path dir, String output, Class<T> type, Function<T, String> id) {
        try {
            return latestById(Files.readAllLines(JsonLinesFileSink.fileOf(dir, output)), type, id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last of each id's versions, in the order of their first appearance. */
    static <T> Map<String, T> latestById(List<String> lines, Class<T> type, Function<T, String> id) {
        return lines.stream().map(line -> Json.read(line, type))
                .collect(Collectors.toMap(id, value -> value, (earlier, later) -> later, LinkedHashMap::new));
    }
}
