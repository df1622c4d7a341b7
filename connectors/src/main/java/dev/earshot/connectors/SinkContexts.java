package dev.earshot.connectors;

import org.apache.flink.api.connector.sink2.SinkWriter;

/** Sink writer contexts for records a writer produces itself, such as the dead letters of a delivering sink. */
public final class SinkContexts {

    /** No event time and no watermark: the record is not the input record whose context the writer has. */
    public static final SinkWriter.Context NONE = new SinkWriter.Context() {
        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
            return null;
        }
    };

    private SinkContexts() {
    }
}
