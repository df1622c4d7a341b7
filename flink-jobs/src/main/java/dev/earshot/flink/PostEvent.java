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
record PostEvent(Post post, boolean edit, PostDeletion deletion, boolean reapplied) {

    static final TypeInformation<PostEvent> TYPE = JsonTypeInfo.of(PostEvent.class);

    PostEvent(Post post, boolean edit, PostDeletion deletion) {
        this(post, edit, deletion, false);
    }

    static PostEvent posted(Post post) {
        return new PostEvent(post, false, null);
    }

    static PostEvent edited(Post post) {
        return new PostEvent(post, true, null);
    }

    /**
     * An edit that overtook its post and was applied on arrival, passed again after the post (see
     * {@code PostLedger.Decision#reapply}): applied again, but not counted again.
     */
    static PostEvent reapplied(Post post) {
        return new PostEvent(post, true, null, true);
    }

    static PostEvent deleted(PostDeletion deletion) {
        return new PostEvent(null, false, deletion);
    }

    String postId() {
        return post != null ? post.id() : deletion.postId();
    }
}
