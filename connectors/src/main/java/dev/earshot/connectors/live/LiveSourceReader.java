package dev.earshot.connectors.live;

import dev.earshot.model.RawRecord;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the feed on its own thread, which fills a bounded queue; the task thread emits from the queue and moves the
 * split's cursor with each emitted event, so that a checkpoint's cursor is exactly where the emitted records end.
 */
final class LiveSourceReader implements SourceReader<RawRecord, CursorSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSourceReader.class);

    /** An event to emit, or with no record just a cursor to move to. */
    private record Item(RawRecord record, String cursor) {
    }

    private final LiveFeed feed;
    private final BlockingQueue<Item> queue;
    private final Object lock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private volatile Throwable failure;
    private CursorSplit split;
    private Thread follower;

    LiveSourceReader(LiveFeed feed, int capacity) {
        this.feed = feed;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void start() {
    }

    @Override
    public void addSplits(List<CursorSplit> splits) {
        if (split != null || splits.size() != 1) {
            throw new IllegalStateException("a live source has one split, got " + splits + " besides " + split);
        }
        split = splits.get(0);
        String from = split.cursor();
        follower = new Thread(() -> follow(from), "live-feed-" + feed.name());
        follower.setDaemon(true);
        follower.start();
    }

    private void follow(String cursor) {
        LOG.info("Following {} from cursor {}", feed.name(), cursor == null ? "now" : cursor);
        try {
            feed.follow(cursor, new LiveFeed.Output() {
                @Override
                public void emit(RawRecord record, String at) throws InterruptedException {
                    put(new Item(record, at));
                }

                @Override
                public void advance(String at) throws InterruptedException {
                    put(new Item(null, at));
                }
            });
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            signal();
        }
    }

    private void put(Item item) throws InterruptedException {
        queue.put(item);
        signal();
    }

    private void signal() {
        synchronized (lock) {
            available.complete(null);
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawRecord> output) {
        Item item = queue.poll();
        if (item == null) {
            if (failure != null) {
                throw new IllegalStateException(feed.name() + " stopped: " + failure.getMessage(), failure);
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
        if (item.record() != null) {
            output.collect(item.record());
        }
        split = split.at(item.cursor());
        return queue.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (lock) {
            if (!queue.isEmpty() || failure != null) {
                return CompletableFuture.completedFuture(null);
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    @Override
    public List<CursorSplit> snapshotState(long checkpointId) {
        return split == null ? List.of() : List.of(split);
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    @Override
    public void close() throws InterruptedException {
        if (follower != null) {
            follower.interrupt();
            follower.join(5_000);
        }
    }
}
