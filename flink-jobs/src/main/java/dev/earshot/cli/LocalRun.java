package dev.earshot.cli;

import dev.earshot.config.ConfigException;
import dev.earshot.config.Durations;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.file.FolderLock;
import dev.earshot.connectors.kafka.KafkaOptions;
import dev.earshot.connectors.kafka.KafkaPostSource;
import dev.earshot.connectors.live.LiveSources;
import dev.earshot.flink.Counters;
import dev.earshot.flink.EarshotJob;
import dev.earshot.flink.EnrichResources;
import dev.earshot.flink.ElasticsearchEarshotSinks;
import dev.earshot.flink.KafkaEarshotSinks;
import dev.earshot.flink.RecordSource;
import dev.earshot.flink.RestartBackoff;
import dev.earshot.flink.SavedState;
import dev.earshot.flink.StateSettings;
import dev.earshot.flink.EarshotSinks;
import dev.earshot.startup.StartupChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

/** Runs the job (on an embedded MiniCluster from a plain JVM), printing progress while it runs and a summary at the end. */
final class LocalRun {

    static final String BUNDLED_SAMPLE = "/sample/posts.jsonl.gz";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);
    /** How long a progress line waits for the counts: on a cluster whose JobManager is gone, the call never returns. */
    private static final Duration COUNTS_WITHIN = Duration.ofSeconds(10);
    /** How long a stopped run may take to finish its windows and files before it is cancelled. */
    private static final Duration STOP_WITHIN = Duration.ofSeconds(60);
    /** How long a failed run asks Flink for the failure that ended it: past the REST API's 1 s refresh. */
    private static final Duration ENDING_FAILURE_WITHIN = Duration.ofSeconds(3);
    private static final Duration ASK_AGAIN_AFTER = Duration.ofMillis(250);

    /** Hidden, so that reading the folder as input or replacing an earlier run's files leaves it alone. */
    static final String OUTPUT_LOCK = ".earshot-run.lock";

    private final EarshotConfig config;
    /** What a state saved by this run is shaped by: checked on resume, written beside each save. */
    private final StateSettings stateSettings;
    private final EnrichResources enrichResources;
    private final Path outputDir;
    private final PrintStream out;
    /** Where each restart's cause is said, as the command line's other errors are. */
    private final PrintWriter err;
    /** Whether each restart's cause comes with its stack trace. */
    private final boolean verbose;
    /** Whether a run on an endless input starts without the state an earlier one saved. */
    private final boolean fresh;
    /** The counts of the last progress line: what a cancelled run's summary can tell. */
    private Map<String, Object> lastCounters = Map.of();
    /** The read stage's counts, which a restart after it read its input through leaves the job without. */
    private final ReadStageCounts readStage = new ReadStageCounts();
    /** Whether the run resumed from saved state, so that its counts start there. */
    private boolean resumed;
    /** The MiniCluster of a local run, whose REST API tells why the job restarted; none under {@code flink run}. */
    private LocalCluster cluster;
    /** Each failure Flink restarted the job after (or that ended it), in order, as the summary says them. */
    private final List<String> failures = new ArrayList<>();
    /** Whether the last failure said ended the job: its number is past {@code recovery.attempts}. */
    private boolean endingFailureSaid;
    /** Numbers each failure within its row of restarts, as Flink counts them against {@code recovery.attempts}. */
    private final RestartBackoff restarts;
    /** Where a local run's deliveries keep their ledger and dead letters as files; null where they do not. */
    private Path deliveryFiles;
    /** What this run delivered, from those files: right across restarts, which reset the counters. */
    private DeliveryTally deliveries;
    private final ProgressPace progressPace = new ProgressPace();
    /** Whether the last ask for the counts went unanswered, so that the run says so once, not at each tick. */
    private boolean countsUnanswered;
    /** Whether the run said it cannot read what it delivered: once, not at each tick. */
    private boolean deliveriesUnreadSaid;

    /** @param enrichResources what the start-up checks read of the files {@code config.enrich} names */
    LocalRun(EarshotConfig config, EnrichResources enrichResources, Path outputDir, PrintStream out, PrintWriter err,
            boolean fresh, boolean verbose) {
        this.config = config;
        this.stateSettings = StateSettings.of(config);
        this.enrichResources = enrichResources;
        this.outputDir = outputDir;
        this.out = out;
        this.err = err;
        this.fresh = fresh;
        this.verbose = verbose;
        this.restarts = new RestartBackoff(config.recovery());
    }

    /**
     * The run's first line: where posts come from and go, and the settings that shape every figure, with the trained
     * sentiment model if one scores the posts.
     */
    static String header(String inputName, EarshotConfig config, EnrichResources enrichResources) {
        String model = enrichResources.sentimentModelName();
        return String.format("Earshot: %s -> %s (parallelism %d, windows %s sliding by %s%s)", inputName,
                String.join(", ", config.output().to()), config.parallelism(),
                Durations.format(config.aggregate().windowSize()), Durations.format(config.aggregate().windowSlide()),
                model == null ? "" : ", sentiment model " + config.enrich().sentimentModel() + " (" + model + ")");
    }

    int execute() throws Exception {
        Files.createDirectories(outputDir);
        boolean kafkaInput = config.input().kind().equals(EarshotConfig.Input.KAFKA);
        KafkaOptions kafka = config.kafka() == null ? null : config.kafka().toOptions();
        RecordSource source;
        String inputName;
        EarshotConfig.Input in = config.input();
        if (kafkaInput) {
            inputName = "kafka topic " + kafka.postsTopic() + " at " + kafka.bootstrapServers();
            source = RecordSource.withOrigins(KafkaPostSource.withOrigins(kafka), kafka.postsTopic());
        } else if (in.kind().equals(EarshotConfig.Input.BLUESKY)) {
            inputName = "Bluesky Jetstream " + in.bluesky().endpoint();
            source = RecordSource.single(LiveSources.bluesky(in.bluesky()), "bluesky-jetstream");
        } else if (in.kind().equals(EarshotConfig.Input.MASTODON)) {
            inputName = "Mastodon " + in.mastodon().instance();
            source = RecordSource.single(LiveSources.mastodon(in.mastodon()), "mastodon");
        } else if (in.kind().equals(EarshotConfig.Input.X)) {
            inputName = "X filtered stream " + in.x().base();
            source = RecordSource.single(LiveSources.x(in.x()), "x-filtered-stream");
        } else if (in.kind().equals(EarshotConfig.Input.DISCOURSE)) {
            inputName = "Discourse " + in.discourse().forum();
            source = RecordSource.single(LiveSources.discourse(in.discourse()), "discourse");
        } else {
            Path named = StartupChecks.inputFile(in, config.parse());
            Path input = named == null ? extractBundledSample() : named;
            inputName = named == null ? "bundled sample stream" : input.toString();
            boolean csv = StartupChecks.isCsv(input, config.parse());
            source = csv ? RecordSource.csvFile(input, inputName) : named == null
                    ? RecordSource.bundledSample(input, inputName) : RecordSource.file(input, inputName);
            if (in.speedup() != null) {
                source = source.paced(config.parse(), in.speedup());
                inputName += " replayed at " + in.speedup() + "x event time";
            }
        }
        out.println(header(inputName, config, enrichResources));

        Configuration flinkConfig = new Configuration();
        // Accumulators reach the client with heartbeats: beat often enough for a live progress line.
        flinkConfig.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        // With checkpointing on, Flink's default is to restart without end: a failure that recurs would hang the run.
        RestartBackoff.configure(flinkConfig, config.recovery());
        // From a plain JVM this is an embedded MiniCluster; under `flink run` or in application mode, the cluster.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig);
        boolean local = env instanceof LocalStreamEnvironment;
        if (local) {
            cluster = new LocalCluster();
            env = cluster.environment(env.getConfiguration());
        }
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpoint().interval().toMillis());
        // Under `flink run` the cluster's own cancel and stop-with-savepoint apply, and a job restored from a savepoint
        // appends to its files. A local run on a file starts afresh, and Ctrl-C finishes its files as if the file ended
        // there; on an endless input it keeps its state in checkpoint.dir and resumes from it.
        SavedState state = local && !in.kind().equals(EarshotConfig.Input.FILE)
                ? new SavedState(Path.of(config.checkpoint().dir())) : null;
        // Held until the run ends: a second run on the same folder would resume from the same savepoint, and a second
        // run writing the same files would delete the first one's files under it.
        try (AutoCloseable held = state == null ? null : state.lock(); AutoCloseable files = local ? lockOutput() : null;
                LocalCluster ownCluster = cluster) {
            SavedState.Snapshot resumeFrom = null;
            if (state != null) {
                Optional<SavedState.Snapshot> saved = state.newest();
                resumeFrom = fresh ? null : saved.orElse(null);
                if (resumeFrom != null) {
                    stateSettings.checkResume(resumeFrom, state.dir());
                }
                resumed = resumeFrom != null;
                state.configure(env, resumeFrom);
                out.println(resumeFrom != null
                        ? String.format("resuming from the %s %s saved at %s (checkpoint.dir); --fresh starts without it",
                                resumeFrom.kind(), resumeFrom.path(), resumeFrom.savedAt().truncatedTo(ChronoUnit.SECONDS))
                        : String.format("%sstate kept in %s (checkpoint.dir): Ctrl-C saves it and the next run resumes from it",
                                saved.isPresent() ? "--fresh: starting without the saved state, which this run's replaces; " : "",
                                state.dir()));
            }
            EarshotJob job = new EarshotJob(config, enrichResources, source, sinks(kafka), Secrets.environment());
            job.build(env);
            deliveryFiles = local ? job.deliveryFilesFolder() : null;
            if (resumeFrom != null) {
                out.printf("appending to the files in %s%n", outputDir);
            } else if (local) {
                EarlierRun.replace(outputDir, out);
            }
            try {
                return runUntilStopped(env, local, state);
            } catch (Exception failed) {
                // A state Flink cannot map fails the submission (FlinkException); one it cannot read may fail the tasks.
                if (resumeFrom != null && CannotResumeException.isRestoreFailure(failed)) {
                    throw new CannotResumeException(state.dir(), resumeFrom, failed);
                }
                throw failed;
            }
        }
    }

    private int runUntilStopped(StreamExecutionEnvironment env, boolean local, SavedState state) throws Exception {
        try (StopSignals signals = local ? StopSignals.install(out) : null;
                RestartCauses causes = restartCauses(env)) {
            CompletableFuture<StopSignals.Stop> stop = signals == null ? new CompletableFuture<>() : signals.requested();
            Instant started = Instant.now();
            tallyDeliveriesFrom(deliveryFiles, started);
            JobClient job = env.executeAsync("earshot");
            if (state != null) {
                stateSettings.writeInto(state.checkpointsOf(job.getJobID()));
            }
            CompletableFuture<JobExecutionResult> finished = job.getJobExecutionResult();
            JobExecutionResult result = null;
            while (result == null && !stop.isDone()) {
                try {
                    CompletableFuture.anyOf(finished, stop).get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                    result = finished.getNow(null);
                } catch (TimeoutException stillRunning) {
                    printProgress(job, started);
                    if (causes != null) {
                        reportRestarts(causes, job);
                    }
                } catch (ExecutionException failed) {
                    // A state that cannot be restored is said in one line, by CannotResumeException.
                    if (causes != null && !(resumed && CannotResumeException.isRestoreFailure(failed))) {
                        reportTheEndingFailure(causes, job);
                    }
                    sayWhatTheFailedRunLeft(failed, started, state);
                    throw failed;
                }
            }
            if (result == null) {
                return stop(job, finished, stop.get(), started, state);
            }
            out.println(summary(readStage.completed(result.getAllAccumulatorResults()), started, null));
            return 0;
        }
    }

    /**
     * Stops the job. On a file, as if its input ended now: it stops reading, its windows fire and every sink flushes
     * and closes, so that the files hold whole lines and agree with the summary. Flink does that as a
     * stop-with-savepoint that drains; the savepoint is only a means, and is deleted. On an endless input, with a
     * savepoint in {@code state} that does not drain: nothing fires early, and the next run resumes where this one
     * stopped. A job still starting is stopped once its tasks run. A job that does not finish in time is cancelled:
     * its files still end with whole lines, without what was in flight, and the summary gives the last counts seen.
     */
    private int stop(JobClient job, CompletableFuture<JobExecutionResult> finished, StopSignals.Stop stop, Instant started,
            SavedState state) throws Exception {
        out.printf("stopping (%s): %s; %s again stops at once%n", stop.signal(),
                state == null ? "finishing the files as if the input ended here" : "saving the state to resume from",
                stop.signal().equals("SIGINT") ? "Ctrl-C" : stop.signal());
        Instant deadline = Instant.now().plus(STOP_WITHIN);
        Path drained = state == null ? Files.createTempDirectory("earshot-stop-") : null;
        try {
            if (state == null) {
                SavedState.stopWithSavepoint(job, finished, true, drained, deadline);
            } else {
                Path savepoint = state.stop(job, finished, deadline);
                if (savepoint != null) {
                    stateSettings.writeInto(savepoint);
                    out.printf("state saved in %s: the next run resumes from it (--fresh starts without it)%n", savepoint);
                }
            }
            out.println(summary(finished.get(SavedState.millisUntil(deadline), TimeUnit.MILLISECONDS).getAllAccumulatorResults(),
                    started, stop.signal()));
        } catch (TimeoutException | ExecutionException notStopped) {
            out.printf("stopping: the job did not stop within %s (%s): %s; cancelled: the files end with "
                    + "whole lines but miss what was still in flight, and the counts below are the last seen%s%n",
                    Durations.format(STOP_WITHIN), notStopped instanceof TimeoutException ? "timed out" : rootMessage(notStopped),
                    whatAStopWaitsFor(state == null),
                    state == null ? "" : "; the next run resumes from the last checkpoint in " + state.dir());
            job.cancel().get(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            out.println(summary(lastCounters, started, stop.signal()));
        } finally {
            if (drained != null) {
                FileUtils.deleteDirectoryQuietly(drained.toFile());
            }
        }
        return stop.exitCode();
    }

    /**
     * The job failed for good (its restarts spent): the summary of the last counts seen and, on an endless input, where
     * the next run resumes, as a stop says them; the cause follows on stderr. A state that cannot be restored says
     * only that.
     */
    private void sayWhatTheFailedRunLeft(ExecutionException failed, Instant started, SavedState state) {
        if (resumed && CannotResumeException.isRestoreFailure(failed)) {
            return;
        }
        out.println(summary(lastCounters, started, "the failure below, once its restarts (recovery.*) were spent"));
        if (state != null) {
            out.printf("the job failed: the next run resumes from the last checkpoint in %s (checkpoint.dir)%n", state.dir());
        }
        out.flush();
    }

    /**
     * Why a stop can take long: a drained stop fires the windows, and both a drain and a savepoint wait until every
     * delivery to people (helpdesk, alert channels) is delivered or given up, which takes a helpdesk that times out
     * its retries' timeouts and backoffs. Says the deliveries still unsettled at the last count.
     */
    String whatAStopWaitsFor(boolean drains) {
        List<String> targets = new ArrayList<>();
        if (config.respond().helpdesk() != null) {
            RunSummary last = new RunSummary(lastCounters);
            long unsettled = last.get(Counters.HELPDESK_VERSIONS) - last.get(Counters.HELPDESK_DELIVERED)
                    - last.get(Counters.HELPDESK_DEAD_LETTERS);
            targets.add("the helpdesk at " + config.respond().helpdesk().url()
                    + (unsettled > 0 ? " (" + RunSummary.count(unsettled, "ticket version") + " unsettled at the last count)" : ""));
        }
        List<String> channels = config.respond().alerts().channels().stream().map(channel -> channel.name()).toList();
        if (!channels.isEmpty()) {
            targets.add("alert channel" + (channels.size() == 1 ? " " : "s ") + String.join(", ", channels));
        }
        String waits = drains ? "the stop waits for the windows to fire and" : "the stop's savepoint waits";
        return targets.isEmpty() ? (drains ? "the stop waits for the windows to fire and the files to close"
                : "the stop's savepoint did not complete")
                : waits + " for the deliveries still being retried to " + String.join(" and ", targets)
                        + ", each up to requestTimeout × maxAttempts plus backoffs (respond.helpdesk, respond.alerts.delivery)";
    }

    /** The output folder for this run, where it writes files; a second run there is refused before it deletes any. */
    private AutoCloseable lockOutput() throws IOException {
        if (!config.output().to().contains(EarshotConfig.Output.FILES)) {
            return null;
        }
        return FolderLock.takeNamingThisProcess(outputDir, OUTPUT_LOCK, holder -> new ConfigException("output.dir: "
                + outputDir + " is being written by a run that is running" + holder + ", whose files this run would "
                + "replace: stop that run, or give this one its own folder with -o DIR"));
    }

    /**
     * Where Flink's REST API tells why the job restarted: the local MiniCluster, or the cluster {@code flink run}
     * submitted to (none where the configuration does not say).
     */
    private RestartCauses restartCauses(StreamExecutionEnvironment env) throws Exception {
        ReadableConfig settings = env.getConfiguration();
        if (cluster != null) {
            return new RestartCauses(Configuration.fromMap(settings.toMap()), cluster::restAddress);
        }
        String host = settings.get(RestOptions.ADDRESS);
        return host == null ? null : new RestartCauses(Configuration.fromMap(settings.toMap()),
                RestartCauses.at(host, settings.get(RestOptions.PORT)));
    }

    /**
     * The failures since the last look, up to the one that ended the job. Flink's REST API answers with what it read
     * up to {@code web.refresh-interval} before, so it is asked again until that one is there (a local cluster keeps
     * answering for it), within {@link #ENDING_FAILURE_WITHIN}.
     */
    private void reportTheEndingFailure(RestartCauses causes, JobClient job) throws InterruptedException {
        Instant giveUp = Instant.now().plus(ENDING_FAILURE_WITHIN);
        reportRestarts(causes, job);
        while (!endingFailureSaid && Instant.now().isBefore(giveUp)) {
            Thread.sleep(ASK_AGAIN_AFTER.toMillis());
            reportRestarts(causes, job);
        }
    }

    /** One line for each failure since the last look, as the job restarts after it; its stack trace with --verbose. */
    private void reportRestarts(RestartCauses causes, JobClient job) {
        for (RestartCauses.Failure failure : causes.newFailures(job.getJobID())) {
            int number = restarts.restartNumber(failure.at());
            endingFailureSaid = number > config.recovery().attempts();
            failures.add(RestartCauses.summaryLine(failure, number, config.recovery().attempts()));
            err.println(RestartCauses.line(failure, number, config.recovery().attempts()));
            if (verbose) {
                err.println(failure.stackTrace());
            }
        }
        err.flush();
    }

    private String summary(Map<String, Object> counters, Instant started, String interruptedBy) {
        return new RunSummary(counters, failures, config.parallelism(), delivered()).finalReport(Duration.between(started, Instant.now()),
                config.output().to().contains(EarshotConfig.Output.FILES) ? outputDir : null,
                config.enrich().languageScope(), interruptedBy, resumed);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** One set of sinks per {@code output.to} entry; Elasticsearch's refusals are kept as files. */
    private List<EarshotSinks> sinks(KafkaOptions kafka) {
        List<EarshotSinks> sets = new ArrayList<>();
        for (String target : config.output().to()) {
            switch (target) {
                case EarshotConfig.Output.FILES -> sets.add(EarshotSinks.jsonLines(outputDir));
                case EarshotConfig.Output.KAFKA -> sets.add(KafkaEarshotSinks.of(kafka));
                default -> sets.add(ElasticsearchEarshotSinks.of(config.elasticsearch().toSettings(), null,
                        ElasticsearchEarshotSinks.refusedIn(outputDir)));
            }
        }
        return sets;
    }

    private void printProgress(JobClient job, Instant started) throws InterruptedException {
        try {
            Map<String, Object> counters = answerWithin(job.getAccumulators(), COUNTS_WITHIN);
            readStage.saw(counters);
            lastCounters = readStage.completed(counters);
            countsUnanswered = false;
            Map<String, DeliveryTally.Counts> delivered = delivered();
            if (progressPace.due(lastCounters, delivered, Instant.now())) {
                out.println(new RunSummary(lastCounters, failures, config.parallelism(), delivered)
                        .progressLine(Duration.between(started, Instant.now())));
            }
        } catch (TimeoutException unanswered) {
            if (!countsUnanswered) {
                err.printf("earshot: Flink did not give the job's counts within %s: is its JobManager up? Still waiting "
                        + "for the job%n", Durations.format(COUNTS_WITHIN));
                err.flush();
            }
            countsUnanswered = true;
        } catch (ExecutionException | IllegalStateException finishedMeanwhile) {
            // The job ended since the loop looked and took the MiniCluster with it: the summary follows. A MiniCluster
            // already shut down refuses the call at once ("MiniCluster is not yet running or has already been shut
            // down"), which failed one run in six with rc 1 after its files were written.
        }
    }

    /**
     * What Flink answers within {@code within}; an ask not answered in time is cancelled, so that a JobManager that
     * hangs does not have the asks of every tick piling up.
     */
    static <T> T answerWithin(CompletableFuture<T> asked, Duration within)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return asked.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException unanswered) {
            asked.cancel(true);
            throw unanswered;
        }
    }

    /** Counts what the run delivers from the ledger and dead letters in {@code folder} (none where null). */
    void tallyDeliveriesFrom(Path folder, Instant started) {
        deliveryFiles = folder;
        deliveries = folder == null ? null : new DeliveryTally(folder, started, resumed);
    }

    /**
     * Each delivery target's counts over the whole run; null (the counters' since the last restart) where unknown.
     * A tally that fails, however, is said once and never fails the run.
     */
    Map<String, DeliveryTally.Counts> delivered() {
        if (deliveries == null) {
            return null;
        }
        try {
            return deliveries.count();
        } catch (IOException | RuntimeException e) {
            if (!deliveriesUnreadSaid) {
                err.println("earshot: cannot read what the run delivered from " + deliveryFiles + " (" + e
                        + "): the delivery counts are since the last restart");
                err.flush();
            }
            deliveriesUnreadSaid = true;
            return null;
        }
    }

    private static Path extractBundledSample() throws IOException {
        Path file = Files.createTempFile("earshot-sample-", ".jsonl.gz");
        file.toFile().deleteOnExit();
        try (InputStream in = bundledSample()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** The bundled sample stream, gzipped as it is bundled. */
    static InputStream bundledSample() {
        InputStream in = LocalRun.class.getResourceAsStream(BUNDLED_SAMPLE);
        if (in == null) {
            throw new IllegalStateException("the bundled sample " + BUNDLED_SAMPLE + " is missing from the build");
        }
        return in;
    }
}
