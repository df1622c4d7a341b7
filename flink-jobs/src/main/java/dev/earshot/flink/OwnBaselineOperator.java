package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.detect.BaselineHistory;
import dev.earshot.detect.BaselineParams;
import dev.earshot.detect.CountSurgeState;
import dev.earshot.detect.Finding;
import dev.earshot.detect.OwnBaselineDetector;
import dev.earshot.detect.SeasonalSurgeParams;
import dev.earshot.detect.SeasonalVolumeSurge;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per topic x location: keeps the cell's history in state and lets {@link OwnBaselineDetector} judge each window,
 * and, when the seasonal surge test is enabled, the cell's slide counts for {@link SeasonalVolumeSurge}, whose volume
 * finding then replaces the non-seasonal one once it has enough history.
 */
final class OwnBaselineOperator extends KeyedProcessFunction<String, TopicLocationStats, Finding> {

    private final BaselineParams params;
    private final SeasonalSurgeParams surgeParams;
    private final Duration windowSize;
    private final Duration windowSlide;
    private final Duration historyTtl;
    private transient OwnBaselineDetector detector;
    private transient SeasonalVolumeSurge seasonalSurge;
    private transient ValueState<BaselineHistory> history;
    private transient ValueState<CountSurgeState> slideCounts;

    OwnBaselineOperator(BaselineParams params, SeasonalSurgeParams surgeParams, Duration windowSize, Duration windowSlide) {
        this.params = params;
        this.surgeParams = surgeParams;
        this.windowSize = windowSize;
        this.windowSlide = windowSlide;
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
        if (surgeParams.enabled()) {
            seasonalSurge = new SeasonalVolumeSurge(surgeParams, windowSize, windowSlide, params.surgeMinPosts());
            ValueStateDescriptor<CountSurgeState> counts =
                    new ValueStateDescriptor<>("surge-slide-counts", JsonTypeInfo.of(CountSurgeState.class));
            counts.enableTimeToLive(StateTtlConfig.newBuilder(SeasonalVolumeSurge.retention(surgeParams, windowSize)).build());
            slideCounts = getRuntimeContext().getState(counts);
        }
    }

    @Override
    public void processElement(TopicLocationStats stats, Context ctx, Collector<Finding> out) throws Exception {
        BaselineHistory current = history.value();
        OwnBaselineDetector.Evaluation evaluation =
                detector.evaluate(stats, current == null ? BaselineHistory.empty() : current);
        history.update(evaluation.history());
        out.collect(evaluation.negativeSpike());
        if (seasonalSurge == null) {
            out.collect(evaluation.volumeSurge());
            return;
        }
        CountSurgeState series = slideCounts.value();
        SeasonalVolumeSurge.Judgement judgement = seasonalSurge.judge(stats,
                series == null ? CountSurgeState.empty() : series, evaluation.volumeSurge());
        slideCounts.update(judgement.state());
        out.collect(judgement.finding());
    }
}
