package dev.earshot.parse;

import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;

/**
 * What one record (or one item of a record that holds several) became. A record of a platform's stream may be a
 * post, a new version of a post, a deletion, an event that carries no post, or bad input.
 */
public sealed interface ParseResult {

    /** A new post. */
    record Valid(Post post) implements ParseResult {
    }

    /**
     * A new version of a post already published (a Mastodon {@code status.update}, a Bluesky record update, an X
     * tweet that is not the first of its versions, see {@link TweetEditHistory}): same id.
     */
    record Edited(Post post) implements ParseResult {
    }

    /**
     * The author deleted the post with this id (Mastodon {@code delete}, a Bluesky {@code delete} commit, a Twitter
     * v1.1 delete notice, an X v2 compliance {@code delete} event); the pipeline removes it wherever it is kept.
     */
    record Deletion(PostDeletion deletion) implements ParseResult {

        public String postId() {
            return deletion.postId();
        }
    }

    /** A well-formed record that carries no post (a repost's notice, an account event, another collection). */
    record Skipped(String reason) implements ParseResult {
    }

    /** Bad input: the raw record and why it was rejected, naming the format and the field. */
    record Invalid(String raw, String reason) implements ParseResult {
    }
}
