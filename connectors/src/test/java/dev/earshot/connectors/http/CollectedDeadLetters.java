package dev.earshot.connectors.http;

import dev.earshot.model.DeadLetter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.SinkWriter;

/** A dead-letter writer that keeps what it is given, for tests outside a Flink job. */
final class CollectedDeadLetters implements SinkWriter<DeadLetter> {

    final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    boolean closed;

    @Override
    public void write(DeadLetter letter, Context context) {
        letters.add(letter);
    }

    @Override
    public void flush(boolean endOfInput) {
    }

    @Override
    public void close() {
        closed = true;
    }
}
