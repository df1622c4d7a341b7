package dev.earshot.flink;

import dev.earshot.config.ConfigException;
import dev.earshot.connectors.file.FolderLock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

/**
 * The state folder ({@code checkpoint.dir}) of a local run on an endless input. A stop takes a savepoint into
 * {@code savepoints/} without draining: no window fires early and no open alert resolves, since the input has not
 * ended. Checkpoints go to {@code checkpoints/} and are kept when the job fails or its process is killed. The next run
 * resumes from the newest of either; only a clean stop deletes the older ones, so that a crash never loses the last
 * good state.
 */
public final class SavedState {

    static final String SAVEPOINTS = "savepoints";
    static final String CHECKPOINTS = "checkpoints";
    /** Locked by the run using the folder, and holding its process id; the OS drops the lock when that process ends. */
    static final String LOCK_FILE = "run.lock";
    /** The file Flink writes last into a savepoint or checkpoint folder: without it, the folder is incomplete. */
    private static final String METADATA = "_metadata";

    private final Path dir;

    public SavedState(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /**
     * Takes the folder for this run until the returned lock is closed (or the process ends, however it ends). Two runs
     * on one folder would both resume from the same savepoint and write the same results twice, so a second run is
     * refused: a {@link ConfigException} naming the folder, the process that holds it and the fix.
     */
    public AutoCloseable lock() throws IOException {
        return FolderLock.takeNamingThisProcess(dir, LOCK_FILE, holder -> new ConfigException("checkpoint.dir: " + dir
                + " holds the state of a run that is running" + holder + ", and two runs on one folder would both resume "
                + "from it and write the same results twice: stop that run, or give this one its own checkpoint.dir"));
    }

    /** Where Flink keeps the checkpoints of {@code job} in this folder. */
    public Path checkpointsOf(JobID job) {
        return dir.resolve(CHECKPOINTS).resolve(job.toHexString());
    }

    /** A complete savepoint or retained checkpoint: its folder, and when its metadata was written. */
    public record Snapshot(Path path, Instant savedAt, boolean savepoint) {
        public String kind() {
            return savepoint ? "savepoint" : "checkpoint";
        }
    }

    /** The most recently written savepoint or checkpoint, if the folder holds a complete one. */
    public Optional<Snapshot> newest() throws IOException {
        List<Snapshot> found = new ArrayList<>();
        for (Path savepoint : subfolders(dir.resolve(SAVEPOINTS))) {
            snapshot(savepoint, true).ifPresent(found::add);
        }
        for (Path job : subfolders(dir.resolve(CHECKPOINTS))) {
            for (Path checkpoint : subfolders(job)) {
                if (checkpoint.getFileName().toString().startsWith("chk-")) {
                    snapshot(checkpoint, false).ifPresent(found::add);
                }
            }
        }
        return found.stream().max(Comparator.comparing(Snapshot::savedAt));
    }

    /**
     * Keeps the job's checkpoints in this folder, also when it fails or is cancelled, and restores the job from
     * {@code resumeFrom} if not null. Flink fails the job rather than drop state it cannot map to an operator.
     */
    public void configure(StreamExecutionEnvironment env, Snapshot resumeFrom) {
        Configuration state = new Configuration();
        state.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        state.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve(CHECKPOINTS).toUri().toString());
        state.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, dir.resolve(SAVEPOINTS).toUri().toString());
        state.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (resumeFrom != null) {
            state.set(StateRecoveryOptions.SAVEPOINT_PATH, resumeFrom.path().toUri().toString());
        }
        env.configure(state);
    }

    /**
     * Stops the job with a savepoint in this folder, without draining, and then deletes every other savepoint and
     * checkpoint in it. Returns the savepoint's folder, or null if the job ended meanwhile by itself.
     *
     * @param finished the job's result, as {@link JobClient#getJobExecutionResult()} gave it
     */
    public Path stop(JobClient job, CompletableFuture<?> finished, Instant deadline) throws Exception {
        String address = stopWithSavepoint(job, finished, false, dir.resolve(SAVEPOINTS), deadline);
        if (address == null) {
            return null;
        }
        Path savepoint = Path.of(URI.create(address)).toAbsolutePath().normalize();
        deleteAllBut(savepoint);
        return savepoint;
    }

    /**
     * Flink's stop-with-savepoint, asked again until the tasks run: a job still starting cannot take one yet. With
     * {@code drain}, the job ends as if its input ended: every window and timer fires. Returns the savepoint's address,
     * or null if the job ended meanwhile by itself.
     */
    public static String stopWithSavepoint(JobClient job, CompletableFuture<?> finished, boolean drain, Path into,
            Instant deadline) throws Exception {
        while (true) {
            try {
                return job.stopWithSavepoint(drain, into.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(millisUntil(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException notYet) {
                if (finished.isDone()) {
                    return null;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }

    private void deleteAllBut(Path keep) throws IOException {
        for (Path savepoint : subfolders(dir.resolve(SAVEPOINTS))) {
            if (!savepoint.equals(keep)) {
                FileUtils.deleteDirectory(savepoint.toFile());
            }
        }
        for (Path job : subfolders(dir.resolve(CHECKPOINTS))) {
            FileUtils.deleteDirectory(job.toFile());
        }
    }

    private static Optional<Snapshot> snapshot(Path folder, boolean savepoint) throws IOException {
        Path metadata = folder.resolve(METADATA);
        return Files.isRegularFile(metadata)
                ? Optional.of(new Snapshot(folder, Files.getLastModifiedTime(metadata).toInstant(), savepoint))
                : Optional.empty();
    }

    private static List<Path> subfolders(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(Files::isDirectory).map(path -> path.toAbsolutePath().normalize()).toList();
        }
    }

    /** What is left until {@code deadline}, at least 1 ms, so that a deadline just passed still looks once. */
    public static long millisUntil(Instant deadline) {
        return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
    }
}
