package dev.earshot.connectors.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * Reads the watched file once per poll interval and emits its content when it changed. Between polls it tells
 * the task it has nothing available, so the task thread waits instead of spinning.
 */
final class FileContentReader implements SourceReader<String, FileContentSource.WatchedFile> {

    private final Executor afterPollInterval;
    private FileContentSource.WatchedFile split;
    private FileChanges changes;
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    FileContentReader(Duration pollInterval) {
        this.afterPollInterval = CompletableFuture.delayedExecutor(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
    }

    @Override
    public InputStatus pollNext(ReaderOutput<String> output) {
        if (changes == null) {
            return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        changes.poll().ifPresent(output::collect);
        CompletableFuture<Void> nextPoll = new CompletableFuture<>();
        afterPollInterval.execute(() -> nextPoll.complete(null));
        available = nextPoll;
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<FileContentSource.WatchedFile> splits) {
        split = splits.get(0);
        changes = new FileChanges(Path.of(split.path()));
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public List<FileContentSource.WatchedFile> snapshotState(long checkpointId) {
        return split == null ? List.of() : List.of(split);
    }

    @Override
    public void close() {
    }
}
