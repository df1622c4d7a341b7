package dev.earshot.flink;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Keeps what a job writes in this JVM's memory, at once, so that a test can read the outputs of a job that never
 * ends while it runs (a MiniCluster runs in the test's JVM). Each instance has its own store.
 */
final class CollectingSink<T> implements Sink<T> {

    private static final Map<String, Queue<Object>> STORES = new ConcurrentHashMap<>();

    private final String store = UUID.randomUUID().toString();

    CollectingSink() {
        STORES.put(store, new ConcurrentLinkedQueue<>());
    }

    /** Everything written so far, in arrival order. */
    @SuppressWarnings("unchecked")
    List<T> collected() {
        return (List<T>) List.copyOf(STORES.get(store));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> values = STORES.get(store);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                values.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
