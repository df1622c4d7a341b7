package dev.earshot.flink;

import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Flink's operator for a {@link BroadcastProcessFunction}, with a broadcast input that carries no event time: its
 * watermarks are dropped and it counts as idle for good, so the operator's event time is its first input's alone. While
 * that input is idle too, the operator is idle and its event time stays where it was, which is Flink's rule for an
 * operator whose inputs are all idle.
 *
 * <p>Done where the broadcast input arrives, because its sender cannot keep from declaring the end of event time: a
 * bounded source does so when it ends, and a task that had ended before a checkpoint does so again, straight onto the
 * network, whenever the job is restored from it.
 */
final class BroadcastWithoutEventTime<IN1, IN2, OUT> extends CoBroadcastWithNonKeyedOperator<IN1, IN2, OUT> {

    /** Flink's 0-based index of the broadcast input. */
    private static final int BROADCAST_INPUT = 1;

    BroadcastWithoutEventTime(BroadcastProcessFunction<IN1, IN2, OUT> function, MapStateDescriptor<?, ?> broadcastState) {
        super(function, List.of(broadcastState));
    }

    @Override
    public void open() throws Exception {
        super.open();
        super.processWatermarkStatus(WatermarkStatus.IDLE, BROADCAST_INPUT);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // The broadcast input's event time does not count, above all its end.
    }

    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int input) throws Exception {
        super.processWatermarkStatus(input == BROADCAST_INPUT ? WatermarkStatus.IDLE : status, input);
    }
}
