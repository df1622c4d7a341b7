package dev.earshot.flink;

import dev.earshot.enrich.LanguageScope;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Leaves out the posts outside {@code enrich.languages} ({@link LanguageScope}): they are not enriched, so they reach
 * no window, alert, ticket or store of posts. They are not dead letters: nothing is wrong with them. A post tagged
 * with several languages is in scope when one of them is.
 *
 * <p>Keyed by post id, after deduplication, so that a re-sent post is counted once. A post's first version decides,
 * as it does for the windows: an edit of a post left out is left out too, whatever language the edit declares, and
 * an edit of any other post passes whatever its language, because it replaces a version the stores and tickets may
 * hold (also one seen before the TTL or before the job started). Deletions always pass: one whose post was left out
 * removes nothing, like a deletion of a post the job never saw. Only the ids left out are remembered, for the
 * deduplication's TTL.
 */
final class LanguageFilter extends KeyedProcessFunction<String, PostEvent, PostEvent> {

    private final LanguageScope scope;
    private final Duration ttl;
    private transient ValueState<Boolean> leftOut;
    private transient JobCounter outsideLanguages;

    LanguageFilter(LanguageScope scope, Duration ttl) {
        this.scope = scope;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("left-out-by-language", Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTimeToLive.afterLastWrite(ttl));
        leftOut = getRuntimeContext().getState(descriptor);
        outsideLanguages = JobCounter.register(getRuntimeContext(), Counters.POSTS_OUTSIDE_LANGUAGES);
    }

    @Override
    public void processElement(PostEvent event, Context ctx, Collector<PostEvent> out) throws Exception {
        if (event.deletion() != null) {
            leftOut.clear();
            out.collect(event);
        } else if (event.edit()) {
            if (leftOut.value() == null) {
                out.collect(event);
            }
        } else if (scope.includesPost(event.post())) {
            out.collect(event);
        } else {
            leftOut.update(true);
            outsideLanguages.increment();
        }
    }
}
