package dev.earshot.connectors.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An unbounded source of one small text file's whole content: the content when the reader starts, then each
 * changed content, checked every {@code pollInterval}. It serves settings a user edits while a job runs, such as
 * a taxonomy. {@code FileSource} cannot do this: even when monitoring continuously it reads each path once, so it
 * never sees a file edited in place.
 *
 * <p>The file is one split, so one reader watches it whatever the parallelism; other readers finish at once.
 * The reader keeps no content in its state: after a restore it emits the file's current content again, so a
 * consumer must treat a repeated content as no change.
 *
 * <pre>{@code
 * env.fromSource(new FileContentSource(Path.of("taxonomy.yaml"), Duration.ofSeconds(10)), strategy, "taxonomy file")
 * }</pre>
 */
public final class FileContentSource implements Source<String, FileContentSource.WatchedFile, Boolean> {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final Duration pollInterval;

    public FileContentSource(Path file, Duration pollInterval) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        this.file = file.toAbsolutePath().toString();
        this.pollInterval = pollInterval;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<String, WatchedFile> createReader(SourceReaderContext context) {
        return new FileContentReader(pollInterval);
    }

    @Override
    public SplitEnumerator<WatchedFile, Boolean> createEnumerator(SplitEnumeratorContext<WatchedFile> context) {
        return new OneSplitEnumerator(context, new WatchedFile(file));
    }

    /** @param unassigned whether the split was still to be assigned at the checkpoint */
    @Override
    public SplitEnumerator<WatchedFile, Boolean> restoreEnumerator(SplitEnumeratorContext<WatchedFile> context, Boolean unassigned) {
        return new OneSplitEnumerator(context, unassigned ? new WatchedFile(file) : null);
    }

    @Override
    public SimpleVersionedSerializer<WatchedFile> getSplitSerializer() {
        return new Utf8Serializer<>() {
            @Override
            public byte[] serialize(WatchedFile split) throws IOException {
                return write(split.path());
            }

            @Override
            public WatchedFile deserialize(int version, byte[] serialized) throws IOException {
                return new WatchedFile(read(serialized));
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new Utf8Serializer<>() {
            @Override
            public byte[] serialize(Boolean unassigned) throws IOException {
                return write(unassigned.toString());
            }

            @Override
            public Boolean deserialize(int version, byte[] serialized) throws IOException {
                return Boolean.parseBoolean(read(serialized));
            }
        };
    }

    /** The one split: the watched file's absolute path. */
    public record WatchedFile(String path) implements SourceSplit {
        @Override
        public String splitId() {
            return path;
        }
    }

    /** Gives the split to the first reader that registers (again, after a failure), and no split to the others. */
    private static final class OneSplitEnumerator implements SplitEnumerator<WatchedFile, Boolean> {

        private final SplitEnumeratorContext<WatchedFile> context;
        private WatchedFile unassigned;

        OneSplitEnumerator(SplitEnumeratorContext<WatchedFile> context, WatchedFile unassigned) {
            this.context = context;
            this.unassigned = unassigned;
        }

        @Override
        public void start() {
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
        }

        @Override
        public void addSplitsBack(List<WatchedFile> splits, int subtaskId) {
            if (!splits.isEmpty()) {
                unassigned = splits.get(0);
            }
        }

        @Override
        public void addReader(int subtaskId) {
            if (unassigned != null) {
                context.assignSplit(unassigned, subtaskId);
                unassigned = null;
            }
            context.signalNoMoreSplits(subtaskId);
        }

        @Override
        public Boolean snapshotState(long checkpointId) {
            return unassigned != null;
        }

        @Override
        public void close() {
        }
    }

    private abstract static class Utf8Serializer<T> implements SimpleVersionedSerializer<T> {

        @Override
        public int getVersion() {
            return 1;
        }

        static byte[] write(String value) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(value);
            }
            return bytes.toByteArray();
        }

        static String read(byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return in.readUTF();
            }
        }
    }
}
