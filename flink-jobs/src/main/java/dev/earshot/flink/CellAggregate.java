package dev.earshot.flink;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation: the window keeps one accumulator per cell, not its posts. */
final class CellAggregate implements AggregateFunction<CellPost, CellAccumulator, CellAccumulator> {

    @Override
    public CellAccumulator createAccumulator() {
        return new CellAccumulator();
    }

    @Override
    public CellAccumulator add(CellPost value, CellAccumulator acc) {
        if (acc.topic == null) {
            acc.topic = value.topic();
            acc.location = value.post().location();
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
