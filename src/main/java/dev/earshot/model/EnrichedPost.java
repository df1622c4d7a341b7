package dev.earshot.model;

import java.util.List;

/**
 * A post with what Earshot understood of it.
 *
 * @param topics the taxonomy topics the post is about, possibly none
 * @param location where the post is about or from, or null when nothing resolved
 */
public record EnrichedPost(Post post, Sentiment sentiment, List<String> topics, Location location) {

    public EnrichedPost {
        if (post == null || sentiment == null) {
            throw new IllegalArgumentException("post and sentiment are required");
        }
        topics = topics == null ? List.of() : List.copyOf(topics);
    }
}
