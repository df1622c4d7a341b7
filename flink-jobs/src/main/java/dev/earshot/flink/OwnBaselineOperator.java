package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.detect.BaselineHistory;
import dev.earshot.detect.BaselineParams;
import dev.earshot.detect.Finding;
import dev.earshot.detect.OwnBaselineDetector;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Per topic x location: keeps the cell's history in state and lets {@link OwnBaselineDetector} judge each window. */
final class OwnBaselineOperator extends KeyedProcessFunction<String, TopicLocationStats, Finding> {

    private final BaselineParams params;
    private final Duration historyTtl;
    private transient OwnBaselineDetector detector;
    private transient ValueState<BaselineHistory> history;

    OwnBaselineOperator(BaselineParams params, Duration windowSize, Duration windowSlide) {
        this.params = params;
        // A cell silent for longer than its whole history span has no baseline left worth keeping.
        this.historyTtl = windowSlide.multipliedBy(params.historySize()).plus(windowSize);
    }

    @Override
    public void open(OpenContext openContext) {
        detector = new OwnBaselineDetector(params);
        ValueStateDescriptor<BaselineHistory> descriptor =
                new ValueStateDescriptor<>("baseline-history", JsonTypeInfo.of(BaselineHistory.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(historyTtl).build());
        history = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(TopicLocationStats stats, Context ctx, Collector<Finding> out) throws Exception {
        BaselineHistory current = history.value();
        OwnBaselineDetector.Evaluation evaluation =
                detector.evaluate(stats, current == null ? BaselineHistory.empty() : current);
        evaluation.findings().forEach(out::collect);
        history.update(evaluation.history());
    }
}
