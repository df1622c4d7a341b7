package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.detect.Finding;
import dev.earshot.detect.PeerOutlierDetector;
import dev.earshot.detect.PeerParams;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per window (keyed by its end): gathers every topic's and every location's statistics and, once the watermark
 * shows that all of them have arrived, lets {@link PeerOutlierDetector} compare each location with the others. One
 * key holds the whole window because the false-discovery rate is controlled across all its topics at once; the
 * tests themselves are cheap, so a per-topic stage before it would only add a shuffle and more state.
 *
 * <p>A window is judged once, when its allowed lateness has passed and its cells are final. Judged at the window's
 * first firing instead, the outcome would depend on which late posts happened to arrive before it, which differs
 * between parallel runs; the price is that peer findings come one allowed lateness after the window ends.
 */
final class PeerOperator extends KeyedProcessFunction<Long, TopicLocationStats, Finding> {

    /** One window's cells. */
    record Cells(List<TopicLocationStats> cells) {
    }

    private final PeerParams params;
    private final long allowedLatenessMillis;
    private transient PeerOutlierDetector detector;
    private transient ValueState<Cells> window;

    PeerOperator(PeerParams params, Duration allowedLateness) {
        this.params = params;
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        detector = new PeerOutlierDetector(params);
        window = getRuntimeContext().getState(new ValueStateDescriptor<>("cells", JsonTypeInfo.of(Cells.class)));
    }

    @Override
    public void processElement(TopicLocationStats stats, Context ctx, Collector<Finding> out) throws Exception {
        Cells cells = window.value();
        List<TopicLocationStats> list = cells == null ? new ArrayList<>() : new ArrayList<>(cells.cells());
        // A window that fires again for a late post brings its corrected statistics: they replace the earlier ones.
        list.removeIf(cell -> cell.topic().equals(stats.topic()) && cell.locationId().equals(stats.locationId()));
        list.add(stats);
        window.update(new Cells(list));
        // Window results carry the timestamp windowEnd - 1; once the watermark passes it by the allowed lateness,
        // every cell is in with its final statistics.
        ctx.timerService().registerEventTimeTimer(stats.windowEnd().toEpochMilli() - 1 + allowedLatenessMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        Cells cells = window.value();
        if (cells == null) {
            return;
        }
        window.clear();
        // Arrival order differs between runs; the detector sees the cells in a fixed order.
        List<TopicLocationStats> sorted = new ArrayList<>(cells.cells());
        sorted.sort(Comparator.comparing(TopicLocationStats::topic).thenComparing(TopicLocationStats::locationId));
        detector.evaluate(sorted).forEach(out::collect);
    }
}
