package dev.earshot.model;

import java.time.Instant;
import java.util.List;

/**
 * What one topic in one place looked like during one event-time window.
 *
 * @param locationId a {@link Location#id()}
 * @param windowStart inclusive
 * @param windowEnd exclusive
 * @param negativeShare negative / posts
 * @param samplePostIds a few of the window's posts, the most negative first
 */
public record TopicLocationStats(
        String topic,
        String locationId,
        String locationName,
        String country,
        Instant windowStart,
        Instant windowEnd,
        long posts,
        long negative,
        long neutral,
        long positive,
        double meanScore,
        double negativeShare,
        long uniqueAuthors,
        List<String> samplePostIds) {

    public TopicLocationStats {
        if (topic == null || locationId == null || windowStart == null || windowEnd == null) {
            throw new IllegalArgumentException("topic, locationId and the window are required");
        }
        if (negative + neutral + positive != posts) {
            throw new IllegalArgumentException(
                    "negative + neutral + positive must equal posts: " + negative + "+" + neutral + "+" + positive + " != " + posts);
        }
        samplePostIds = samplePostIds == null ? List.of() : List.copyOf(samplePostIds);
    }
}
