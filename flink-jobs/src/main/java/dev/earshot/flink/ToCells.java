package dev.earshot.flink;

import dev.earshot.model.EnrichedPost;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Posts without a topic or a place say nothing about a topic in a place: they are not aggregated. */
final class ToCells implements FlatMapFunction<EnrichedPost, CellPost> {

    @Override
    public void flatMap(EnrichedPost post, Collector<CellPost> out) {
        if (post.location() == null) {
            return;
        }
        for (String topic : post.topics()) {
            out.collect(new CellPost(topic, post));
        }
    }
}
