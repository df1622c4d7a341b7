package dev.earshot.connectors.file;

import dev.earshot.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each value as one line of canonical JSON to a local file: the local run's output, readable with any
 * JSON-lines tool. Run it at parallelism 1 to get exactly {@code <dir>/<name>.jsonl}; at higher parallelism each
 * subtask writes {@code <name>-<subtask>.jsonl}, so writers never interleave within a line.
 *
 * <p>Lines are flushed at every checkpoint, at the end of input and when the writer closes (also when the job is
 * cancelled), and the file only ever ends with a whole line (see {@link WholeLinesWriter}). It is not transactional: after a failure the
 * job restarts from its last checkpoint and appends, so the file may repeat lines written since that checkpoint,
 * which is why every record carries a deterministic id. A fresh start (no checkpoint to restore) starts the file
 * afresh.
 * Production sinks (Kafka, Elasticsearch) give the stronger guarantees.
 *
 * <pre>{@code
 * alerts.sinkTo(new JsonLinesFileSink<>(Path.of("output"), "alerts")).setParallelism(1);
 * }</pre>
 */
public final class JsonLinesFileSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String directory;
    private final String name;

    public JsonLinesFileSink(Path directory, String name) {
        this.directory = directory.toAbsolutePath().toString();
        this.name = name;
    }

    /** The file a sink at parallelism 1 writes. */
    public static Path fileOf(Path directory, String name) {
        return directory.resolve(name + ".jsonl");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        TaskInfo task = context.getTaskInfo();
        Path dir = Path.of(directory);
        Path file = task.getNumberOfParallelSubtasks() == 1
                ? fileOf(dir, name)
                : dir.resolve(name + "-" + task.getIndexOfThisSubtask() + ".jsonl");
        Files.createDirectories(dir);
        // Truncating on a restore would throw away the lines written before the checkpoint.
        return new Writer<>(new WholeLinesWriter(file, context.getRestoredCheckpointId().isPresent()));
    }

    private static final class Writer<T> implements SinkWriter<T> {

        private final WholeLinesWriter out;

        Writer(WholeLinesWriter out) {
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

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
