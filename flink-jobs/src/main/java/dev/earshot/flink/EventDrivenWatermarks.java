package dev.earshot.flink;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness, but emitted as the posts arrive rather than on a processing-time timer. With periodic
 * emission, whether a post counts as late depends on how fast the machine replays the stream; here it depends
 * only on the posts before it, so a replay gives the same windows, alerts and dead letters every time.
 * Watermarks advance in steps of at least {@code granularity} of event time, so that a dense stream does not
 * send one per post. An element without an event time (a deletion, stamped {@link Long#MIN_VALUE}) moves nothing.
 */
final class EventDrivenWatermarks<T> implements WatermarkGenerator<T> {

    private final long outOfOrdernessMillis;
    private final long granularityMillis;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    EventDrivenWatermarks(Duration outOfOrderness, Duration granularity) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.granularityMillis = granularity.toMillis();
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
        if (timestamp <= maxTimestamp) {
            return;
        }
        maxTimestamp = timestamp;
        long watermark = maxTimestamp - outOfOrdernessMillis - 1;
        if (emitted == Long.MIN_VALUE || watermark - emitted >= granularityMillis) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Nothing: emitting on a timer would make lateness depend on processing speed (see the class comment).
    }
}
