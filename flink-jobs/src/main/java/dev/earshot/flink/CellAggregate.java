package dev.earshot.flink;

import dev.earshot.aggregate.StatsAccumulator;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation: the window keeps one accumulator per cell, not its posts. */
final class CellAggregate implements AggregateFunction<CellPost, CellAccumulator, CellAccumulator> {

    private final int topTerms;

    /** @param topTerms how many top terms the statistics carry (aggregate.topTerms); 0 counts none */
    CellAggregate(int topTerms) {
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
        return a;
    }
}
