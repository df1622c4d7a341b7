package dev.earshot.flink;

import dev.earshot.aggregate.StatsAccumulator;
import dev.earshot.model.SentimentLabel;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation: the window keeps one accumulator per cell, not its posts. */
final class CellAggregate implements AggregateFunction<CellPost, CellAccumulator, CellAccumulator> {

    private final long slideMillis;
    private final int topTerms;

    /**
     * @param windowSlide the windows' slide, whose newest one the statistics count apart (a tumbling window's slide
     *     is its size)
     * @param topTerms how many top terms the statistics carry (aggregate.topTerms); 0 counts none
     */
    CellAggregate(Duration windowSlide, int topTerms) {
        this.slideMillis = windowSlide.toMillis();
        this.topTerms = topTerms;
    }

    @Override
    public CellAccumulator createAccumulator() {
        CellAccumulator acc = new CellAccumulator();
        acc.stats = new StatsAccumulator(topTerms);
        return acc;
    }

    @Override
    public CellAccumulator add(CellPost value, CellAccumulator acc) {
        if (acc.topic == null) {
            acc.topic = value.topic();
            acc.place = value.place();
        }
        acc.stats.add(value.post());
        long[] slide = acc.slides.computeIfAbsent(slideStart(value.post().post().createdAt().toEpochMilli()),
                start -> new long[2]);
        slide[0]++;
        if (value.post().sentiment().label() == SentimentLabel.NEGATIVE) {
            slide[1]++;
        }
        return acc;
    }

    @Override
    public CellAccumulator getResult(CellAccumulator acc) {
        return acc;
    }

    @Override
    public CellAccumulator merge(CellAccumulator a, CellAccumulator b) {
        if (a.topic == null) {
            return b;
        }
        a.stats.merge(b.stats);
        b.slides.forEach((start, counts) -> {
            long[] into = a.slides.computeIfAbsent(start, s -> new long[2]);
            into[0] += counts[0];
            into[1] += counts[1];
        });
        return a;
    }

    /** The start of the slide an event time falls in: slides are aligned on the epoch, as Flink's windows are. */
    long slideStart(long eventMillis) {
        return Math.floorDiv(eventMillis, slideMillis) * slideMillis;
    }
}
