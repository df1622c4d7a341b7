package dev.earshot.flink;

import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Stamps a cell's accumulated statistics with its window and view. */
final class CellWindow extends ProcessWindowFunction<CellAccumulator, TopicLocationStats, String, TimeWindow> {

    private final StatsView view;
    private final long slideMillis;
    private transient JobCounter emitted;

    CellWindow(StatsView view, Duration windowSlide) {
        this.view = view;
        this.slideMillis = windowSlide.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        emitted = JobCounter.register(getRuntimeContext(), Counters.WINDOW_STATS);
    }

    @Override
    public void process(String cell, Context context, Iterable<CellAccumulator> elements, Collector<TopicLocationStats> out) {
        TimeWindow window = context.window();
        for (CellAccumulator acc : elements) {
            emitted.increment();
            long[] newest = acc.slides.getOrDefault(window.getEnd() - slideMillis, new long[2]);
            out.collect(acc.stats.toStats(acc.topic, acc.place, view, Instant.ofEpochMilli(window.getStart()),
                    Instant.ofEpochMilli(window.getEnd())).withLastSlide(newest[0], newest[1]));
        }
    }
}
