package dev.earshot.flink;

import dev.earshot.eventtime.ResumedWatermark;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gives a job resumed from saved state the event time the stopped job had ({@link ResumedWatermark}), which Flink
 * does not save, so that a post the stopped job would have found too late for its windows is a too-late dead letter
 * after the resume too, rather than the only post of a window that fires again. It passes everything on unchanged
 * and saves the highest watermark it passed on. It stands right after the enrich step, the last step before the
 * windows and the tickets, which judge posts by event time: it is past the taxonomy's broadcast input, whose
 * watermark the enrich step waits for, and it sends the restored watermark when it opens, before any post, on every
 * parallel instance, so that every channel into the windows carries it first.
 */
final class ResumedEventTime<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    /** Union state: after rescaling, every instance sees what all instances saved. */
    private static final ListStateDescriptor<Long> HIGHEST_WATERMARK =
            new ListStateDescriptor<>("highest-watermark-passed-on", BasicTypeInfo.LONG_TYPE_INFO);

    private transient ListState<Long> saved;
    private transient OptionalLong restored;
    private transient long passedOn;
    private transient long highest;

    /**
     * {@code stream} with this step after it, where the job's input never ends; a run over an input that ends keeps
     * no state to resume from, and is left as it was.
     *
     * @param input the job's records, whose sources tell whether it ever ends
     */
    static <T> DataStream<T> after(DataStream<T> stream, DataStream<?> input) {
        if (!TaxonomyVersions.neverEnds(input)) {
            return stream;
        }
        return stream.transform("resumed event time", stream.getType(), new ResumedEventTime<T>())
                .setParallelism(stream.getParallelism()).uid("resumed-event-time");
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        saved = context.getOperatorStateStore().getUnionListState(HIGHEST_WATERMARK);
        List<Long> savedByInstance = new ArrayList<>();
        saved.get().forEach(savedByInstance::add);
        restored = ResumedWatermark.of(savedByInstance);
        passedOn = restored.orElse(ResumedWatermark.NONE);
        highest = passedOn;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (restored.isPresent()) {
            output.emitWatermark(new Watermark(restored.getAsLong()));
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
