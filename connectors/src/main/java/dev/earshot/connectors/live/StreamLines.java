package dev.earshot.connectors.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines of a streaming HTTP body, read at most one chunk ahead (the next chunk is requested only when the last one
 * is taken, so that a slow job holds the connection back), with an idle timeout so that a silent
 * connection (no data, no heartbeat) is noticed, and interruptible, unlike a blocking {@code InputStream} read.
 */
final class StreamLines implements Flow.Subscriber<List<ByteBuffer>> {

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;
    private ByteBuffer current = ByteBuffer.allocate(0);
    private boolean ended;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        chunks.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        chunks.add(throwable);
    }

    @Override
    public void onComplete() {
        chunks.add(END);
    }

    /**
     * The next line without its line ending (the last one may have none), or null at the end of the body.
     *
     * @throws IOException when the connection failed or stayed silent for {@code idle}
     */
    String next(Duration idle) throws IOException, InterruptedException {
        while (true) {
            while (current.hasRemaining()) {
                byte b = current.get();
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    line.reset();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            if (ended) {
                if (line.size() == 0) {
                    return null;
                }
                String last = line.toString(StandardCharsets.UTF_8); // a body's last line may lack its line ending
                line.reset();
                return last;
            }
            Object chunk = chunks.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
            if (chunk == null) {
                throw new IOException("no data for " + idle.toSeconds() + " s (idle timeout)");
            }
            if (chunk == END) {
                ended = true;
                current = ByteBuffer.allocate(0);
            } else if (chunk instanceof Throwable failure) {
                throw failure instanceof IOException io ? io : new IOException(failure);
            } else {
                @SuppressWarnings("unchecked")
                List<ByteBuffer> buffers = (List<ByteBuffer>) chunk;
                current = join(buffers);
                subscription.request(1);
            }
        }
    }

    private static ByteBuffer join(List<ByteBuffer> buffers) {
        ByteBuffer joined = ByteBuffer.allocate(buffers.stream().mapToInt(ByteBuffer::remaining).sum());
        buffers.forEach(joined::put);
        return joined.flip();
    }

    /** Closes the connection. */
    void cancel() {
        Flow.Subscription active = subscription;
        if (active != null) {
            active.cancel();
        }
    }
}
