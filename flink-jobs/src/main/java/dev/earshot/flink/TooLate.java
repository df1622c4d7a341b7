package dev.earshot.flink;

import dev.earshot.config.Durations;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A post that arrives after every window it belongs to has closed (beyond the out-of-orderness bound and the
 * allowed lateness) can no longer change a statistic. It is kept as a dead letter with the reason, and counted,
 * rather than dropped silently; it has already reached the ticket stage, which does not depend on windows.
 */
final class TooLate extends ProcessFunction<CellPost, DeadLetter> {

    static final OutputTag<CellPost> TAG = new OutputTag<>("too-late", CellPost.TYPE);

    private final Duration outOfOrderness;
    private final Duration allowedLateness;
    private transient JobCounter late;
    private transient JobCounter deadLetters;
    private transient LongMaximum mostLate;
    private transient LongMaximum mostLateAdvisable;
    private transient JobCounter implausiblyLate;

    TooLate(Duration outOfOrderness, Duration allowedLateness) {
        this.outOfOrderness = outOfOrderness;
        this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext openContext) {
        late = JobCounter.register(getRuntimeContext(), Counters.LATE_POSTS);
        deadLetters = JobCounter.register(getRuntimeContext(), Counters.DEAD_LETTERS);
        mostLate = new LongMaximum();
        getRuntimeContext().addAccumulator(Counters.MOST_LATE_MILLIS, mostLate);
        mostLateAdvisable = new LongMaximum();
        getRuntimeContext().addAccumulator(Counters.MOST_LATE_ADVISABLE_MILLIS, mostLateAdvisable);
        implausiblyLate = JobCounter.register(getRuntimeContext(), Counters.IMPLAUSIBLY_LATE_POSTS);
        // 0 until this subtask sees a late post (the accumulator starts at Long.MIN_VALUE).
        JobCounter.metrics(getRuntimeContext()).gauge(JobCounter.metricName(Counters.MOST_LATE_MILLIS),
                () -> Math.max(0, mostLate.getLocalValue()));
    }

    @Override
    public void processElement(CellPost cellPost, Context ctx, Collector<DeadLetter> out) {
        late.increment();
        deadLetters.increment();
        Instant watermark = Instant.ofEpochMilli(ctx.timerService().currentWatermark());
        // The watermark trails the newest post read by the out-of-orderness bound.
        long behind = watermark.plus(outOfOrderness).toEpochMilli() - cellPost.post().post().createdAt().toEpochMilli();
        mostLate.add(behind);
        if (behind > Counters.IMPLAUSIBLY_LATE.toMillis()) {
            implausiblyLate.increment();
        } else {
            mostLateAdvisable.add(behind);
        }
        out.collect(new DeadLetter(Json.write(cellPost.post().post()),
                "too late for the " + cellPost.topic() + " windows: posted at " + cellPost.post().post().createdAt()
                        + ", arrived when event time was already " + watermark + " (stream.outOfOrderness "
                        + Durations.format(outOfOrderness) + " + aggregate.allowedLateness "
                        + Durations.format(allowedLateness) + ")",
                "aggregate", cellPost.post().post().id(), Instant.now()));
    }
}
