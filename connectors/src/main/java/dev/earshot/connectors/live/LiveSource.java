package dev.earshot.connectors.live;

import dev.earshot.model.RawRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An unbounded source over one {@link LiveFeed}: a single split, read by one reader, whose checkpointed state is the
 * feed's cursor, so that a restored job resumes where its last checkpoint was. Give it parallelism 1: further
 * readers stay idle.
 */
public final class LiveSource implements Source<RawRecord, CursorSplit, List<CursorSplit>> {

    /** Events read ahead of the job; a full queue holds the connection back. */
    static final int QUEUE_CAPACITY = 10_000;

    private final LiveFeed feed;
    private final String startCursor;

    /** @param startCursor where a job without a checkpoint starts; null: from now */
    public LiveSource(LiveFeed feed, String startCursor) {
        this.feed = feed;
        this.startCursor = startCursor;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<RawRecord, CursorSplit> createReader(SourceReaderContext context) {
        return new LiveSourceReader(feed, QUEUE_CAPACITY);
    }

    @Override
    public SplitEnumerator<CursorSplit, List<CursorSplit>> createEnumerator(SplitEnumeratorContext<CursorSplit> context) {
        return new LiveSplitEnumerator(context, new ArrayList<>(List.of(new CursorSplit(feed.name(), startCursor))));
    }

    @Override
    public SplitEnumerator<CursorSplit, List<CursorSplit>> restoreEnumerator(SplitEnumeratorContext<CursorSplit> context,
            List<CursorSplit> unassigned) {
        return new LiveSplitEnumerator(context, new ArrayList<>(unassigned));
    }

    @Override
    public SimpleVersionedSerializer<CursorSplit> getSplitSerializer() {
        return CursorSplit.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<CursorSplit>> getEnumeratorCheckpointSerializer() {
        return new UnassignedSplitsSerializer();
    }

    /** The enumerator's state: the splits no reader holds (none once the split is assigned). */
    private static final class UnassignedSplitsSerializer implements SimpleVersionedSerializer<List<CursorSplit>> {

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<CursorSplit> splits) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(splits.size());
                for (CursorSplit split : splits) {
                    byte[] serialized = CursorSplit.Serializer.INSTANCE.serialize(split);
                    out.writeInt(serialized.length);
                    out.write(serialized);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public List<CursorSplit> deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                List<CursorSplit> splits = new ArrayList<>();
                for (int count = in.readInt(); count > 0; count--) {
                    byte[] split = new byte[in.readInt()];
                    in.readFully(split);
                    splits.add(CursorSplit.Serializer.INSTANCE.deserialize(CursorSplit.Serializer.INSTANCE.getVersion(), split));
                }
                return splits;
            }
        }
    }
}
