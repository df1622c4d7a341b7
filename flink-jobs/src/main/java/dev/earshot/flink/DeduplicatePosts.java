package dev.earshot.flink;

import dev.earshot.model.Post;
import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes each post id once. Keyed by post id, it remembers ids for a TTL: networks re-send posts, several
 * sources can carry the same one, and a replay must not count a post twice.
 */
final class DeduplicatePosts extends KeyedProcessFunction<String, Post, Post> {

    private final Duration ttl;
    private transient ValueState<Boolean> seen;
    private transient LongCounter duplicates;

    DeduplicatePosts(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getLongCounter(Counters.DUPLICATES);
    }

    @Override
    public void processElement(Post post, Context ctx, Collector<Post> out) throws Exception {
        if (seen.value() != null) {
            duplicates.add(1);
            return;
        }
        seen.update(true);
        out.collect(post);
    }
}
