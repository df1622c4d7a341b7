package dev.earshot.connectors;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.accumulators.SimpleAccumulator;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.runtime.operators.sink.InitContextBase;

/**
 * What the delivering sinks (helpdesk, alert channels) delivered and gave up on, as job accumulators, which the run
 * summary and the progress line read as they read the other operators' counts.
 *
 * <p>Flink's {@link WriterInitContext} offers metrics but no accumulators; the runtime's own context is an
 * {@link InitContextBase}, whose (public, internal) runtime context has them. Under another context (a test's own
 * writer) the counts are only kept by the writer.
 */
public final class DeliveryAccumulators {

    /** Ticket versions handed to the helpdesk sink. */
    public static final String HELPDESK_VERSIONS = "helpdesk-versions";
    public static final String HELPDESK_DELIVERED = "helpdesk-versions-delivered";
    public static final String HELPDESK_DEAD_LETTERS = "helpdesk-dead-letters";
    /** Before a channel's name: the messages routed to it (an alert version each), delivered, and dead letters. */
    public static final String ALERT_MESSAGES = "alert-messages:";
    public static final String ALERT_DELIVERED = "alert-messages-delivered:";
    public static final String ALERT_DEAD_LETTERS = "alert-dead-letters:";
    /** Before a channel's name: the updates its quiet period held back. */
    public static final String ALERT_HELD_BACK = "alert-updates-held-back:";

    private DeliveryAccumulators() {
    }

    /** Makes {@code count} the accumulator {@code name} of the writer's task, where the context has accumulators. */
    public static void register(WriterInitContext context, String name, AtomicLong count) {
        if (context instanceof InitContextBase runtime) {
            runtime.getRuntimeContext().addAccumulator(name, new AtomicCount(count));
        }
    }

    /**
     * A count that HTTP callback threads add to while Flink reads it from its own thread, which Flink's
     * {@code LongCounter} (a plain long) does not allow. Merged by Flink over the subtasks, as a {@code LongCounter}.
     */
    static final class AtomicCount implements SimpleAccumulator<Long> {

        private static final long serialVersionUID = 1L;

        private final AtomicLong count;

        AtomicCount(AtomicLong count) {
            this.count = count;
        }

        @Override
        public void add(Long value) {
            count.addAndGet(value);
        }

        @Override
        public Long getLocalValue() {
            return count.get();
        }

        @Override
        public void resetLocal() {
            count.set(0);
        }

        @Override
        public void merge(Accumulator<Long, Long> other) {
            count.addAndGet(other.getLocalValue());
        }

        @Override
        public AtomicCount clone() {
            return new AtomicCount(new AtomicLong(count.get()));
        }

        @Override
        public String toString() {
            return "AtomicCount " + count.get();
        }
    }
}
