package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.detect.Finding;
import dev.earshot.detect.PeerOutlierDetector;
import dev.earshot.detect.PeerParams;
import dev.earshot.model.TopicLocationStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per topic: gathers every location's statistics for a window and, once the watermark shows that all of them
 * have arrived, lets {@link PeerOutlierDetector} compare each location with the others.
 */
final class PeerOperator extends KeyedProcessFunction<String, TopicLocationStats, Finding> {

    /** One window's cells of one topic. */
    record Cells(List<TopicLocationStats> cells) {
    }

    private final PeerParams params;
    private transient PeerOutlierDetector detector;
    private transient MapState<Long, Cells> cellsByWindowEnd;

    PeerOperator(PeerParams params) {
        this.params = params;
    }

    @Override
    public void open(OpenContext openContext) {
        detector = new PeerOutlierDetector(params);
        cellsByWindowEnd = getRuntimeContext().getMapState(new MapStateDescriptor<>("cells-by-window-end",
                BasicTypeInfo.LONG_TYPE_INFO, JsonTypeInfo.of(Cells.class)));
    }

    @Override
    public void processElement(TopicLocationStats stats, Context ctx, Collector<Finding> out) throws Exception {
        long windowEnd = stats.windowEnd().toEpochMilli();
        Cells cells = cellsByWindowEnd.get(windowEnd);
        List<TopicLocationStats> list = cells == null ? new ArrayList<>() : new ArrayList<>(cells.cells());
        // A window that fires again for a late post brings its corrected statistics: they replace the earlier ones.
        list.removeIf(cell -> cell.locationId().equals(stats.locationId()));
        list.add(stats);
        cellsByWindowEnd.put(windowEnd, new Cells(list));
        // Window results carry the timestamp windowEnd - 1; once the watermark passes it, every cell is in.
        ctx.timerService().registerEventTimeTimer(windowEnd - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        long windowEnd = timestamp + 1;
        Cells cells = cellsByWindowEnd.get(windowEnd);
        if (cells == null) {
            return;
        }
        cellsByWindowEnd.remove(windowEnd);
        // Arrival order differs between runs; the detector sees the cells in a fixed order.
        List<TopicLocationStats> sorted = new ArrayList<>(cells.cells());
        sorted.sort(Comparator.comparing(TopicLocationStats::locationId));
        detector.evaluate(sorted).forEach(out::collect);
    }
}
