package dev.earshot.model;

import java.time.Instant;

/**
 * The author deleted a post (a Mastodon {@code delete}, a Bluesky {@code delete} commit, an X delete notice or
 * compliance event): Earshot removes it wherever it keeps it, as the platforms' terms require. No text is kept.
 *
 * @param postId the deleted post's id, {@code source:nativeId} as in {@link Post#id()}
 * @param source the network, the prefix of {@code postId}
 * @param authorId the author's id when the platform names it (Bluesky, X), else null (Mastodon)
 * @param deletedAt when the platform says the post was deleted, or null when it does not say (Mastodon)
 * @param postCreatedAt the deleted post's own time when Earshot saw the post (it names the post's daily index),
 *     else null
 */
public record PostDeletion(String postId, String source, String authorId, Instant deletedAt, Instant postCreatedAt) {

    public PostDeletion {
        if (postId == null || postId.isBlank() || source == null || source.isBlank()) {
            throw new IllegalArgumentException("postId and source are required");
        }
    }

    /** A deletion as a platform announces it: the source is the id's prefix, the post's time is not known yet. */
    public static PostDeletion of(String postId, String authorId, Instant deletedAt) {
        int colon = postId.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("post id '" + postId + "' has no 'source:' prefix");
        }
        return new PostDeletion(postId, postId.substring(0, colon), authorId, deletedAt, null);
    }

    /** This deletion of a post Earshot saw, written at {@code createdAt}. */
    public PostDeletion ofPostAt(Instant createdAt) {
        return new PostDeletion(postId, source, authorId, deletedAt, createdAt);
    }
}
