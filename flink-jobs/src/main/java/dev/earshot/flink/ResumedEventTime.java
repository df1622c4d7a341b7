package dev.earshot.flink;

import dev.earshot.eventtime.ResumedWatermark;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gives a window operator of a job resumed from saved state the event time it had reached ({@link ResumedWatermark}),
 * which Flink does not save, so that a post the stopped job would have found too late for its windows is found too
 * late after the resume too, rather than being the only post of windows that already fired and fire again. It passes
 * everything on unchanged and saves the highest watermark it passed on.
 *
 * <p>It stands in the window operator's own task, right after the shuffle by key, and sends the restored watermark
 * when it opens, before the task reads any input. Sent anywhere before the shuffle, it would race: the window
 * operator's event time is the lowest of its input channels', and a post could reach it from one channel before
 * another channel's first watermark did, while that channel still stands at the beginning of time.
 */
final class ResumedEventTime<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    /** Union state: after rescaling, every instance sees what all instances saved. */
    private static final ListStateDescriptor<Long> HIGHEST_WATERMARK =
            new ListStateDescriptor<>("highest-watermark-passed-on", BasicTypeInfo.LONG_TYPE_INFO);

    private transient ListState<Long> saved;
    private transient long passedOn;
    private transient long highest;

    /**
     * {@code stream} keyed by {@code key} for a window operator, with this step in front of it where the job's input
     * never ends; a run over an input that ends keeps no state to resume from, and is left as it was.
     *
     * @param windowUid the window operator's uid: this step's is derived from it
     */
    static <T, K> KeyedStream<T, K> keyBy(DataStream<T> stream, KeySelector<T, K> key, String windowUid, boolean endless) {
        if (!endless) {
            return stream.keyBy(key);
        }
        DataStream<T> resumed = stream.keyBy(key).transform("resumed event time", stream.getType(), new ResumedEventTime<T>())
                .uid(windowUid + "-event-time");
        return DataStreamUtils.reinterpretAsKeyedStream(resumed, key);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        saved = context.getOperatorStateStore().getUnionListState(HIGHEST_WATERMARK);
        List<Long> savedByInstance = new ArrayList<>();
        saved.get().forEach(savedByInstance::add);
        passedOn = ResumedWatermark.of(savedByInstance).orElse(ResumedWatermark.NONE);
        highest = passedOn;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (passedOn != ResumedWatermark.NONE) {
            output.emitWatermark(new Watermark(passedOn)); // the restored event time, before any input
        }
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    /** Until the input's own event time catches up with the restored one, it has nothing new to say. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() > passedOn) {
            passedOn = mark.getTimestamp();
            highest = ResumedWatermark.highest(highest, passedOn);
            super.processWatermark(mark);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        saved.update(List.of(highest));
    }
}
