package dev.earshot.flink;

import dev.earshot.aggregate.StatsPlace;
import dev.earshot.model.EnrichedPost;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Posts without a topic or a place say nothing about a topic in a place: they are not aggregated. The others are
 * counted in their city's cells, or (for {@link #rollUps()}) in the wider places their city belongs to.
 */
final class ToCells implements FlatMapFunction<EnrichedPost, CellPost> {

    private final SerializableFunction<EnrichedPost, List<StatsPlace>> places;

    private ToCells(SerializableFunction<EnrichedPost, List<StatsPlace>> places) {
        this.places = places;
    }

    static ToCells cities() {
        return new ToCells(post -> List.of(StatsPlace.city(post.location())));
    }

    static ToCells rollUps() {
        return new ToCells(post -> StatsPlace.rollUpsOf(post.location()));
    }

    @Override
    public void flatMap(EnrichedPost post, Collector<CellPost> out) {
        if (post.location() == null || post.topics().isEmpty()) {
            return;
        }
        List<StatsPlace> cellPlaces = places.apply(post);
        for (String topic : post.topics()) {
            for (StatsPlace place : cellPlaces) {
                out.collect(new CellPost(topic, post, place));
            }
        }
    }
}
