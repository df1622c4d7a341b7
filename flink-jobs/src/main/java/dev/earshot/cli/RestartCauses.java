package dev.earshot.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import dev.earshot.connectors.LocalPorts;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobExceptionsHeaders;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;

/**
 * Why Flink failed a job over: each failure in the job's exception history, the record the Web UI's Exceptions tab
 * shows, read through Flink's REST API ({@code GET /jobs/:jobid/exceptions}). A local MiniCluster serves the same API
 * as a cluster. Flink groups the failures of one failover (a broker gone fails every writer) under one root entry, so
 * there is one failure per restart, and the last one for a job that fails for good.
 */
final class RestartCauses implements AutoCloseable {

    private static final Duration ASK_WITHIN = Duration.ofSeconds(2);
    private static final String CAUSED_BY = "Caused by: ";
    private static final Pattern EXECUTION_SUFFIX = Pattern.compile(" - execution #\\d+$");
    static final String LOCALHOST = "127.0.0.1";

    private final String host;
    private final int port;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "earshot-restart-causes");
        thread.setDaemon(true);
        return thread;
    });
    private final RestClient rest;
    /**
     * When the newest failure already returned happened: the history holds each failure until the job ends. One
     * instance follows one job.
     */
    private long seenUntil = Long.MIN_VALUE;

    /**
     * Has a local MiniCluster serve Flink's REST API on a port known here (otherwise it picks one that only its owner,
     * Flink's local executor, is told), on this machine only, and refresh what it says about a job every second. A
     * cluster ignores these: they configure a REST server, and a cluster runs its own.
     *
     * @return the port
     */
    static int serveLocally(Configuration flinkConfig) {
        int port = LocalPorts.free();
        flinkConfig.set(RestOptions.BIND_ADDRESS, LOCALHOST);
        flinkConfig.set(RestOptions.BIND_PORT, Integer.toString(port));
        flinkConfig.set(WebOptions.REFRESH_INTERVAL, Duration.ofSeconds(1));
        return port;
    }

    /** @param flinkConfig what the REST client reads of it: SSL for the REST API, timeouts */
    RestartCauses(Configuration flinkConfig, String host, int port) throws Exception {
        this.host = host;
        this.port = port;
        this.rest = new RestClient(flinkConfig, executor);
    }

    /**
     * One failure: the task that failed (the chain of operators Flink ran as one task, and its subtask) and what went
     * wrong (see {@link #cause}).
     *
     * @param stackTrace the whole trace as Flink recorded it, for {@code --verbose}
     */
    record Failure(Instant at, String task, String cause, String stackTrace) {

        /** "Sink: files (1/2): IOException: No space left on device". */
        String describe() {
            return (task == null ? "" : task + ": ") + cause;
        }
    }

    /**
     * The failures since the last call, oldest first. None when Flink cannot be asked (a job that ended takes a local
     * MiniCluster with it): saying why is a courtesy that must never fail the run.
     */
    List<Failure> newFailures(JobID job) {
        JobExceptionsInfoWithHistory history;
        try {
            JobExceptionsMessageParameters parameters = new JobExceptionsMessageParameters();
            parameters.jobPathParameter.resolve(job);
            history = rest.sendRequest(host, port, JobExceptionsHeaders.getInstance(), parameters, EmptyRequestBody.getInstance())
                    .get(ASK_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception unreachable) {
            return List.of();
        }
        List<Failure> failures = new ArrayList<>();
        for (JobExceptionsInfoWithHistory.RootExceptionInfo entry : history.getExceptionHistory().getEntries()) {
            if (entry.getTimestamp() > seenUntil) {
                failures.add(new Failure(Instant.ofEpochMilli(entry.getTimestamp()), taskName(entry.getTaskName()),
                        cause(entry.getStacktrace(), entry.getExceptionName()), entry.getStacktrace()));
            }
        }
        failures.sort(Comparator.comparing(Failure::at));
        if (!failures.isEmpty()) {
            seenUntil = failures.get(failures.size() - 1).at().toEpochMilli();
        }
        return failures;
    }

    /** "Sink: files (1/2)" without Flink's " - execution #0": which attempt failed is the restart's number. */
    private static String taskName(String name) {
        return name == null ? null : EXECUTION_SUFFIX.matcher(name).replaceFirst("");
    }

    /**
     * What a Java stack trace as text says went wrong, in one line: its first line, "SimpleName: first line of the
     * message", which is the one an operator wrote for people (Earshot's name the setting to check), and the innermost
     * cause, the last {@code Caused by:} that starts a line (those of suppressed exceptions are indented), where the
     * first line does not already say it.
     *
     * @param exceptionName the outermost exception's class, for a trace Flink did not keep
     */
    static String cause(String stackTrace, String exceptionName) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return simpleName(exceptionName);
        }
        List<String> lines = stackTrace.lines().toList();
        String outermost = lines.get(0);
        String innermost = outermost;
        for (String line : lines) {
            if (line.startsWith(CAUSED_BY)) {
                innermost = line.substring(CAUSED_BY.length());
            }
        }
        String said = readable(outermost);
        return outermost.contains(innermost) || said.contains(readable(innermost)) ? said
                : said + "; caused by " + readable(innermost);
    }

    /** "java.net.ConnectException: Connection refused" as "ConnectException: Connection refused". */
    private static String readable(String throwableLine) {
        int colon = throwableLine.indexOf(": ");
        String type = colon < 0 ? throwableLine.strip() : throwableLine.substring(0, colon);
        return simpleName(type) + (colon < 0 ? "" : throwableLine.substring(colon).stripTrailing());
    }

    private static String simpleName(String className) {
        return className == null ? "unknown failure" : className.substring(className.lastIndexOf('.') + 1);
    }

    /** "restart 1 of 3" while restarts remain, or that the job failed for good. */
    static String line(Failure failure, int number, int attempts) {
        return number <= attempts
                ? String.format(Locale.ROOT, "earshot: the job restarts after a failure (restart %d of %d, "
                        + "recovery.attempts): %s", number, attempts, failure.describe())
                : String.format(Locale.ROOT, "earshot: the job failed for good after %s: %s",
                        RunSummary.count(attempts, "restart"), failure.describe());
    }

    /** The summary's line for the same failure: its restart within the row, or the job's end. */
    static String summaryLine(Failure failure, int number, int attempts) {
        return number <= attempts
                ? String.format(Locale.ROOT, "restart %d of %d after: %s", number, attempts, failure.describe())
                : "failed for good after: " + failure.describe();
    }

    @Override
    public void close() {
        rest.shutdown(ASK_WITHIN);
        executor.shutdownNow();
    }
}
