package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.model.EnrichedPost;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** One post counted in one topic x location cell; a post about two topics is counted in two cells. */
record CellPost(String topic, EnrichedPost post) {

    static final TypeInformation<CellPost> TYPE = JsonTypeInfo.of(CellPost.class);

    String cellKey() {
        return topic + '|' + post.location().id();
    }
}
