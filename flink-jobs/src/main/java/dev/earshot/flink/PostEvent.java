package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * What parsing yields for one post id, up to enrichment: a new post, a new version of one ({@code edit}), or its
 * deletion. One stream carries all three, so that a post, its edits and its deletion keep their order (the order
 * deduplication decided) through every operator keyed or forwarded by post id, to the stores that keep posts.
 */
record PostEvent(Post post, boolean edit, PostDeletion deletion) {

    static final TypeInformation<PostEvent> TYPE = JsonTypeInfo.of(PostEvent.class);

    static PostEvent posted(Post post) {
        return new PostEvent(post, false, null);
    }

    static PostEvent edited(Post post) {
        return new PostEvent(post, true, null);
    }

    static PostEvent deleted(PostDeletion deletion) {
        return new PostEvent(null, false, deletion);
    }

    String postId() {
        return post != null ? post.id() : deletion.postId();
    }
}
