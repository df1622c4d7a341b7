package dev.earshot.connectors.live;

import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands the single split to the first reader that registers, and again to a reader after a failover returns it. */
final class LiveSplitEnumerator implements SplitEnumerator<CursorSplit, List<CursorSplit>> {

    private final SplitEnumeratorContext<CursorSplit> context;
    private final List<CursorSplit> unassigned;

    LiveSplitEnumerator(SplitEnumeratorContext<CursorSplit> context, List<CursorSplit> unassigned) {
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
    public void addSplitsBack(List<CursorSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        assignToAnyReader();
    }

    @Override
    public void addReader(int subtaskId) {
        assignToAnyReader();
    }

    private void assignToAnyReader() {
        context.registeredReaders().keySet().stream().sorted().findFirst().ifPresent(reader -> {
            unassigned.forEach(split -> context.assignSplit(split, reader));
            unassigned.clear();
        });
    }

    @Override
    public List<CursorSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {
    }
}
