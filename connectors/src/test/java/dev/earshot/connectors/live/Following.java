package dev.earshot.connectors.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.RawRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A feed followed on its own thread, as the source reader does, collecting what it emits and its cursor. */
final class Following implements AutoCloseable {

    /** An emitted record with the cursor after it, or a cursor move (record null). */
    record Emitted(RawRecord record, String cursor) {
    }

    final List<Emitted> emitted = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Throwable failure;

    Following(LiveFeed feed, String cursor) {
        thread = new Thread(() -> {
            try {
                feed.follow(cursor, new LiveFeed.Output() {
                    @Override
                    public void emit(RawRecord record, String at) {
                        emitted.add(new Emitted(record, at));
                    }

                    @Override
                    public void advance(String at) {
                        emitted.add(new Emitted(null, at));
                    }
                });
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "following-" + feed.name());
        thread.start();
    }

    List<RawRecord> records() {
        return emitted.stream().map(Emitted::record).filter(record -> record != null).toList();
    }

    String cursor() {
        return emitted.isEmpty() ? null : emitted.get(emitted.size() - 1).cursor();
    }

    /** Waits until the records satisfy {@code condition}, or fails after {@code timeout}. */
    void awaitRecords(Predicate<List<RawRecord>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(records()) && System.nanoTime() < deadline && failure == null) {
            Thread.sleep(10);
        }
        assertThat(failure).as("the feed's failure").isNull();
        assertThat(condition.test(records())).as("records within %s: %s", timeout, records()).isTrue();
    }

    /** Waits until the feed stops on its own with a failure, which it returns. */
    Throwable awaitFailure(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        assertThat(thread.isAlive()).as("the feed still runs").isFalse();
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(5_000);
    }
}
