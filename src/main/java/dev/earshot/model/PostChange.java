package dev.earshot.model;

/**
 * What a store of posts (Elasticsearch, a Kafka topic) must do with one post id: keep this version of it (a new
 * post, or an edit that replaces the one kept) or remove it. Exactly one of the two is set.
 */
public record PostChange(EnrichedPost post, PostDeletion deletion) {

    public PostChange {
        if ((post == null) == (deletion == null)) {
            throw new IllegalArgumentException("a change is either a post version or a deletion");
        }
    }

    public static PostChange version(EnrichedPost post) {
        return new PostChange(post, null);
    }

    public static PostChange deleted(PostDeletion deletion) {
        return new PostChange(null, deletion);
    }

    public String postId() {
        return post != null ? post.post().id() : deletion.postId();
    }
}
