package dev.earshot.cli;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
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

    private final Callable<URI> restAddress;
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
     * @param flinkConfig what the REST client reads of it: SSL for the REST API, timeouts
     * @param restAddress where Flink serves its REST API, asked each time (a local cluster's is known once it runs)
     */
    RestartCauses(Configuration flinkConfig, Callable<URI> restAddress) throws Exception {
        this.restAddress = restAddress;
        this.rest = new RestClient(flinkConfig, executor);
    }

    /** The REST API of a cluster at {@code host:port}. */
    static Callable<URI> at(String host, int port) {
        return () -> new URI("http", null, host, port, null, null, null);
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
            URI at = restAddress.call();
            history = rest.sendRequest(at.getHost(), at.getPort(), JobExceptionsHeaders.getInstance(), parameters, EmptyRequestBody.getInstance())
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
                failures.add(failure(entry));
            }
        }
        failures.sort(Comparator.comparing(Failure::at));
        if (!failures.isEmpty()) {
            seenUntil = failures.get(failures.size() - 1).at().toEpochMilli();
        }
        return failures;
    }

    /**
     * The failure an entry of the history records. Flink records the failure that ends a job as the job's own, with
     * no task: "JobException: Recovery is suppressed by (the restart strategy)", the task's failure as its cause, and
     * that task's among the failures concurrent with it; the earliest of those is said, as a restart says it.
     */
    static Failure failure(JobExceptionsInfoWithHistory.RootExceptionInfo entry) {
        JobExceptionsInfoWithHistory.ExceptionInfo said = entry;
        if (entry.getTaskName() == null) {
            said = entry.getConcurrentExceptions().stream().filter(concurrent -> concurrent.getTaskName() != null)
                    .min(Comparator.comparingLong(JobExceptionsInfoWithHistory.ExceptionInfo::getTimestamp)).orElse(entry);
        }
        return new Failure(Instant.ofEpochMilli(entry.getTimestamp()), taskName(said.getTaskName()),
                cause(said.getStacktrace(), said.getExceptionName()), entry.getStacktrace());
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
