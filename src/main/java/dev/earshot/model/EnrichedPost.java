package dev.earshot.model;

import java.util.List;

/**
 * A post with what Earshot understood of it.
 *
 * @param topics the taxonomy topics the post is about, possibly none
 * @param location where the post is about or from, or null when nothing resolved
 * @param terms the post's distinct content lemmas (no stop words), which windows count for their top terms; null
 *     when not analysed
 */
public record EnrichedPost(Post post, Sentiment sentiment, List<String> topics, Location location, List<String> terms) {

    public EnrichedPost {
        if (post == null || sentiment == null) {
            throw new IllegalArgumentException("post and sentiment are required");
        }
        topics = topics == null ? List.of() : List.copyOf(topics);
        terms = terms == null ? null : List.copyOf(terms);
    }

    /** A post enriched without its content terms. */
    public EnrichedPost(Post post, Sentiment sentiment, List<String> topics, Location location) {
        this(post, sentiment, topics, location, null);
    }
}
