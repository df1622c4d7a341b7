package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.PostChange;
import dev.earshot.model.PostDeletion;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** A {@link PostEvent} after enrichment: new posts and edits are enriched, deletions pass as they are. */
record EnrichedEvent(EnrichedPost post, boolean edit, PostDeletion deletion) {

    static final TypeInformation<EnrichedEvent> TYPE = JsonTypeInfo.of(EnrichedEvent.class);

    static EnrichedEvent deleted(PostDeletion deletion) {
        return new EnrichedEvent(null, false, deletion);
    }

    /** The first version of a post: the one that counts in the windows and may open a ticket. */
    boolean firstVersion() {
        return post != null && !edit;
    }

    /** What the stores of posts do with it: keep this version, or remove the post. */
    PostChange change() {
        return post != null ? PostChange.version(post) : PostChange.deleted(deletion);
    }
}
