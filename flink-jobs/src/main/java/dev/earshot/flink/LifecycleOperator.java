package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.detect.AlertLifecycle;
import dev.earshot.detect.Finding;
import dev.earshot.detect.LifecycleParams;
import dev.earshot.detect.LifecycleState;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per (kind, topic, location): feeds findings to {@link AlertLifecycle} so that one incident keeps one alert id.
 * A window with no finding at all (the cell fell silent) still counts as quiet: an event-time timer at the next
 * window's end tells the lifecycle, so that an incident resolves even when its posts stop. The timer waits a
 * further {@code findingDelay}, the longest a detector may take after a window ends (the peer test waits for the
 * window's allowed lateness): a finding that is merely late must not be mistaken for a silent window.
 *
 * <p>Findings wait until the watermark reaches their timestamp and then go to the lifecycle in window order. They do
 * not arrive in that order: the peer test is keyed by window end, so one cell's consecutive windows are judged by
 * different parallel subtasks, whose outputs reach this operator in whatever order the network delivers them. Taken
 * as they came, a later window's finding could overtake an earlier one, which {@link AlertLifecycle} then ignores, so
 * an incident opened or resolved one window late, with another id, in a slow run or after a resume. Each subtask
 * sends its findings before the watermark that passes their timestamp, so at that watermark all have arrived.
 */
final class LifecycleOperator extends KeyedProcessFunction<String, Finding, Alert> {

    private final LifecycleParams params;
    private final long sizeMillis;
    private final long slideMillis;
    private final long findingDelayMillis;
    private transient AlertLifecycle lifecycle;
    private transient ValueState<LifecycleState> state;
    private transient ValueState<Long> lastWindowEnd;
    private transient MapState<Long, Finding> waiting;
    private transient Map<AlertKind, JobCounter> opened;

    LifecycleOperator(LifecycleParams params, Duration windowSize, Duration windowSlide, Duration findingDelay) {
        this.params = params;
        this.sizeMillis = windowSize.toMillis();
        this.slideMillis = windowSlide.toMillis();
        this.findingDelayMillis = findingDelay.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        lifecycle = new AlertLifecycle(params);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("lifecycle", JsonTypeInfo.of(LifecycleState.class)));
        lastWindowEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("last-window-end", BasicTypeInfo.LONG_TYPE_INFO));
        waiting = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("findings-waiting-by-timestamp", BasicTypeInfo.LONG_TYPE_INFO, Types.FINDING));
        opened = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : AlertKind.values()) {
            opened.put(kind, JobCounter.alertsOpened(getRuntimeContext(), kind));
        }
    }

    @Override
    public void processElement(Finding finding, Context ctx, Collector<Alert> out) throws Exception {
        // Within one cell a finding's timestamp stands for its window. The first finding of a window counts, as the
        // lifecycle ignores a window's later findings (a late re-firing) anyway.
        long timestamp = ctx.timestamp() != null ? ctx.timestamp() : finding.windowEnd().toEpochMilli() - 1 + findingDelayMillis;
        if (!waiting.contains(timestamp)) {
            waiting.put(timestamp, finding);
        }
        ctx.timerService().registerEventTimeTimer(timestamp);
        // A finding behind the watermark (a late re-firing) has nothing left to wait for.
        applyWaiting(ctx.timerService().currentWatermark(), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        applyWaiting(timestamp, ctx, out);
        // At the end of a bounded input the watermark jumps to the end of time: that is no evidence of quiet.
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return;
        }
        Long last = lastWindowEnd.value();
        if (last == null || timestamp < last + slideMillis - 1 + findingDelayMillis) {
            return; // no incident alive, or the window after the last one may still bring its finding
        }
        long windowEnd = last + slideMillis;
        apply(lifecycle.onEmptyWindow(current(), Instant.ofEpochMilli(windowEnd - sizeMillis), Instant.ofEpochMilli(windowEnd)), out);
        scheduleQuietCheck(ctx, windowEnd);
    }

    /** The waiting findings with a timestamp up to {@code upTo}, oldest window first. */
    private void applyWaiting(long upTo, Context ctx, Collector<Alert> out) throws Exception {
        List<Long> due = new ArrayList<>();
        for (Long timestamp : waiting.keys()) {
            if (timestamp <= upTo) {
                due.add(timestamp);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Long timestamp : due) {
            findings.add(waiting.get(timestamp));
            waiting.remove(timestamp);
        }
        findings.sort(Comparator.comparing(Finding::windowEnd));
        for (Finding finding : findings) {
            apply(lifecycle.onFinding(current(), finding), out);
            scheduleQuietCheck(ctx, finding.windowEnd().toEpochMilli());
        }
        if (!due.isEmpty() && waiting.isEmpty()) {
            // An emptied map still takes a state entry on the heap backend.
            waiting.clear();
        }
    }

    private LifecycleState current() throws Exception {
        LifecycleState value = state.value();
        return value == null ? LifecycleState.empty() : value;
    }

    private void apply(AlertLifecycle.Step step, Collector<Alert> out) throws Exception {
        step.alert().ifPresent(alert -> {
            if (alert.status() == AlertStatus.OPEN) {
                opened.get(alert.kind()).increment();
            }
            out.collect(alert);
        });
        if (step.state().isDormant()) {
            state.clear();
            lastWindowEnd.clear();
        } else {
            state.update(step.state());
        }
    }

    /** While an incident is alive (state kept), check whether the next window brings a finding. */
    private void scheduleQuietCheck(Context ctx, long windowEnd) throws Exception {
        if (state.value() != null) {
            lastWindowEnd.update(windowEnd);
            ctx.timerService().registerEventTimeTimer(windowEnd + slideMillis - 1 + findingDelayMillis);
        }
    }
}
