package dev.earshot.flink;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by post id: remembers the conversation of each post addressed to our accounts, so that its edits and its
 * deletion, which name only the post, reach that conversation's ticket. Edits and deletions of other posts stop
 * here. A post and its later events come from one upstream task in order and leave here on one channel to the
 * conversation's task, so a deletion never overtakes its post.
 *
 * <p>Only addressed posts are remembered, for {@code retention} (processing time): the look-back plus the quiet
 * period, after which the ticket can hold the post no longer.
 */
final class TicketPostIndex extends KeyedProcessFunction<String, ConversationEvent, ConversationEvent> {

    private final Duration retention;
    private transient ValueState<String> conversation;

    TicketPostIndex(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<String> descriptor = new ValueStateDescriptor<>("conversation-of-post", Types.STRING);
        descriptor.enableTimeToLive(StateTimeToLive.afterLastWrite(retention));
        conversation = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(ConversationEvent event, Context ctx, Collector<ConversationEvent> out) throws Exception {
        if (event.post() != null) {
            conversation.update(event.conversationKey());
            out.collect(event);
            return;
        }
        String key = conversation.value();
        if (key == null) {
            return;
        }
        if (event.deletion() != null) {
            conversation.clear();
        }
        out.collect(event.in(key));
    }
}
