package dev.earshot.connectors.file;

import dev.earshot.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes each value as one line of canonical JSON to a local file: the local run's output, readable with any
 * JSON-lines tool. Run it at parallelism 1 to get exactly {@code <dir>/<name>.jsonl}; at higher parallelism each
 * subtask writes {@code <name>-<subtask>.jsonl}, so writers never interleave within a line.
 *
 * <p>Lines are flushed at every checkpoint, at the end of input and when the writer closes (also when the job is
 * cancelled), and the file only ever ends with a whole line (see {@link WholeLinesWriter}). It is not transactional: after a failure the
 * job restarts from its last checkpoint (or a later run from a savepoint): the file is cut back to its length at that
 * checkpoint and the job appends to it, so a reader following the file may see the lines written since then twice
 * (at a changed parallelism the file is not cut back and repeats them), which is why every record carries a
 * deterministic id. A fresh start (no checkpoint to restore) starts the file afresh.
 * Production sinks (Kafka, Elasticsearch) give the stronger guarantees.
 *
 * <pre>{@code
 * alerts.sinkTo(new JsonLinesFileSink<>(Path.of("output"), "alerts")).setParallelism(1);
 * }</pre>
 */
public final class JsonLinesFileSink<T> implements Sink<T>, SupportsWriterState<T, Long> {

    private static final long serialVersionUID = 1L;

    private final String directory;
    private final String name;

    public JsonLinesFileSink(Path directory, String name) {
        this.directory = directory.toAbsolutePath().toString();
        this.name = name;
    }

    /** The folder the files are written to. */
    public Path directory() {
        return Path.of(directory);
    }

    /** The file a sink at parallelism 1 writes. */
    public static Path fileOf(Path directory, String name) {
        return directory.resolve(name + ".jsonl");
    }

    /**
     * The names of the files sinks named by the regular expression {@code names} write at any parallelism:
     * {@code <name>.jsonl}, or {@code <name>-<subtask>.jsonl} above 1.
     */
    public static Pattern filesNamed(String names) {
        return Pattern.compile("(" + names + ")(-\\d+)?\\.jsonl");
    }

    @Override
    public StatefulSinkWriter<T, Long> createWriter(WriterInitContext context) throws IOException {
        Path file = fileFor(context);
        // Truncating on a restore would throw away the lines written before the checkpoint.
        return new Writer<>(file, new WholeLinesWriter(file, context.getRestoredCheckpointId().isPresent()));
    }

    /**
     * A restored writer appends to its file, after cutting it back to its length at the checkpoint when it is longer:
     * the lines written since are written again by the replay from the checkpoint. The state is what tells a
     * restored writer from a fresh one: Flink gives a task without state no restored checkpoint id.
     */
    @Override
    public StatefulSinkWriter<T, Long> restoreWriter(WriterInitContext context, Collection<Long> lengths) throws IOException {
        Path file = fileFor(context);
        if (lengths.size() == 1 && Files.isRegularFile(file)) {
            long length = lengths.iterator().next();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                if (channel.size() > length) {
                    channel.truncate(length);
                }
            }
        }
        return new Writer<>(file, new WholeLinesWriter(file, true));
    }

    @Override
    public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
        return new LengthSerializer();
    }

    private Path fileFor(WriterInitContext context) throws IOException {
        TaskInfo task = context.getTaskInfo();
        Path dir = Path.of(directory);
        Files.createDirectories(dir);
        return task.getNumberOfParallelSubtasks() == 1
                ? fileOf(dir, name)
                : dir.resolve(name + "-" + task.getIndexOfThisSubtask() + ".jsonl");
    }

    private static final class Writer<T> implements StatefulSinkWriter<T, Long> {

        private final Path file;
        private final WholeLinesWriter out;

        Writer(Path file, WholeLinesWriter out) {
            this.file = file;
            this.out = out;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            out.writeLine(Json.write(element));
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        /** The file's length with every line so far written: where a restore from this checkpoint goes on. */
        @Override
        public List<Long> snapshotState(long checkpointId) throws IOException {
            out.flush();
            return List.of(Files.size(file));
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static final class LengthSerializer implements SimpleVersionedSerializer<Long> {

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Long length) {
            return ByteBuffer.allocate(Long.BYTES).putLong(length).array();
        }

        @Override
        public Long deserialize(int version, byte[] serialized) {
            return ByteBuffer.wrap(serialized).getLong();
        }
    }
}
