package dev.earshot.flink;

import dev.earshot.aggregate.StatsPlace;
import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.model.EnrichedPost;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One post counted in one topic x place cell; a post about two topics is counted in two cells, and with roll-ups
 * also in its region's, its country's and the all-locations cell of each topic.
 */
record CellPost(String topic, EnrichedPost post, StatsPlace place) {

    static final TypeInformation<CellPost> TYPE = JsonTypeInfo.of(CellPost.class);

    String cellKey() {
        return topic + '|' + place.id();
    }
}
