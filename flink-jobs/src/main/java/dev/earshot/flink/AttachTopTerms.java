package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.model.Alert;
import dev.earshot.model.TermCount;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per (topic, city): gives each alert the top terms of the window it describes, so that its reader sees what people
 * wrote without a query. The detectors need not know about terms: this joins their alerts with the window
 * statistics afterwards.
 *
 * <p>An alert and its window's statistics travel different paths, so either may arrive first. The statistics of a
 * window ending at E carry the timestamp E - 1 and are emitted before the watermark passes it; an alert that finds
 * no terms waits until the watermark reaches E - 1, when they are surely in (or the window had none). Alerts of a
 * cell leave in the order they came, so that an incident's versions stay in order. A window's terms are kept until
 * no late firing can bring an alert for it any more (allowed lateness plus one slide), then dropped.
 */
final class AttachTopTerms extends KeyedCoProcessFunction<String, TopicLocationStats, Alert, Alert> {

    /** A window's top terms, as state. */
    record Terms(List<TermCount> terms) {
    }

    private final long retentionMillis;
    private transient MapState<Long, Terms> termsByWindowEnd;
    private transient ListState<Alert> waiting;

    AttachTopTerms(Duration allowedLateness, Duration windowSlide) {
        this.retentionMillis = allowedLateness.plus(windowSlide).toMillis();
    }

    static String cellKey(Alert alert) {
        return alert.topic() + '|' + alert.locationId();
    }

    @Override
    public void open(OpenContext openContext) {
        termsByWindowEnd = getRuntimeContext().getMapState(new MapStateDescriptor<>("terms-by-window-end",
                BasicTypeInfo.LONG_TYPE_INFO, JsonTypeInfo.of(Terms.class)));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("alerts-waiting-for-terms", Types.ALERT));
    }

    @Override
    public void processElement1(TopicLocationStats stats, Context ctx, Collector<Alert> out) throws Exception {
        if (stats.topTerms() == null) {
            return;
        }
        long windowEnd = stats.windowEnd().toEpochMilli();
        termsByWindowEnd.put(windowEnd, new Terms(stats.topTerms()));
        ctx.timerService().registerEventTimeTimer(windowEnd - 1 + retentionMillis);
        release(ctx.timerService().currentWatermark(), out);
    }

    @Override
    public void processElement2(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
        waiting.add(alert);
        ctx.timerService().registerEventTimeTimer(alert.windowEnd().toEpochMilli() - 1);
        release(ctx.timerService().currentWatermark(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        release(watermark, out);
        List<Long> expired = new ArrayList<>();
        for (Long windowEnd : termsByWindowEnd.keys()) {
            if (windowEnd - 1 + retentionMillis <= watermark) {
                expired.add(windowEnd);
            }
        }
        for (Long windowEnd : expired) {
            termsByWindowEnd.remove(windowEnd);
        }
        if (termsByWindowEnd.isEmpty()) {
            // An emptied map still takes a state entry on the heap backend.
            termsByWindowEnd.clear();
        }
    }

    /** Sends the waiting alerts, oldest first, up to the first one whose terms may still come. */
    private void release(long watermark, Collector<Alert> out) throws Exception {
        List<Alert> stillWaiting = new ArrayList<>();
        for (Alert alert : waiting.get()) {
            long windowEnd = alert.windowEnd().toEpochMilli();
            Terms terms = termsByWindowEnd.get(windowEnd);
            if (stillWaiting.isEmpty() && (terms != null || watermark >= windowEnd - 1)) {
                out.collect(alert.withTopTerms(terms == null ? null : terms.terms()));
            } else {
                stillWaiting.add(alert);
            }
        }
        waiting.update(stillWaiting);
    }
}
