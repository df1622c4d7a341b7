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
 * @param samplePostIds a few of the window's posts, the most telling first: the most negative, weighted by their
 *     authors' reach (see {@code StatsAccumulator})
 * @param level how wide the place is: a city, or a roll-up ({@code region:<country>:<region>}, {@code
 *     country:<country>}, {@code all}); CITY when absent (documents written before roll-ups)
 * @param view the sliding windows or the daily view; SLIDING when absent
 * @param topTerms the window's most frequent content terms, most frequent first, or null where not computed
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
        List<String> samplePostIds,
        LocationLevel level,
        StatsView view,
        List<TermCount> topTerms) {

    public TopicLocationStats {
        if (topic == null || locationId == null || windowStart == null || windowEnd == null) {
            throw new IllegalArgumentException("topic, locationId and the window are required");
        }
        if (negative + neutral + positive != posts) {
            throw new IllegalArgumentException(
                    "negative + neutral + positive must equal posts: " + negative + "+" + neutral + "+" + positive + " != " + posts);
        }
        samplePostIds = samplePostIds == null ? List.of() : List.copyOf(samplePostIds);
        level = level == null ? LocationLevel.CITY : level;
        view = view == null ? StatsView.SLIDING : view;
        topTerms = topTerms == null ? null : List.copyOf(topTerms);
    }

    /** A city's sliding-window statistics without top terms, as they were before roll-ups. */
    public TopicLocationStats(String topic, String locationId, String locationName, String country, Instant windowStart,
                              Instant windowEnd, long posts, long negative, long neutral, long positive, double meanScore,
                              double negativeShare, long uniqueAuthors, List<String> samplePostIds) {
        this(topic, locationId, locationName, country, windowStart, windowEnd, posts, negative, neutral, positive,
                meanScore, negativeShare, uniqueAuthors, samplePostIds, LocationLevel.CITY, StatsView.SLIDING, null);
    }
}
