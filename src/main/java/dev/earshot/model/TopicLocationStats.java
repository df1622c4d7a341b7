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
 * @param lastSlidePosts posts in the window's newest slide (its last {@code windowSlide}), so that a detector can
 *     judge the latest posts undiluted by the older part of the window; null where unknown (e.g. older documents)
 * @param lastSlideNegative negative posts in that newest slide; null where unknown
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
        List<TermCount> topTerms,
        Long lastSlidePosts,
        Long lastSlideNegative) {

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
        if ((lastSlidePosts == null) != (lastSlideNegative == null) || lastSlidePosts != null
                && (lastSlideNegative < 0 || lastSlideNegative > lastSlidePosts || lastSlidePosts > posts)) {
            throw new IllegalArgumentException("need both or neither of lastSlidePosts and lastSlideNegative, with "
                    + "0 <= lastSlideNegative <= lastSlidePosts <= posts, was " + lastSlideNegative + " of "
                    + lastSlidePosts + " of " + posts);
        }
    }

    /** A city's sliding-window statistics without top terms or the newest slide's counts. */
    public TopicLocationStats(String topic, String locationId, String locationName, String country, Instant windowStart,
                              Instant windowEnd, long posts, long negative, long neutral, long positive, double meanScore,
                              double negativeShare, long uniqueAuthors, List<String> samplePostIds) {
        this(topic, locationId, locationName, country, windowStart, windowEnd, posts, negative, neutral, positive,
                meanScore, negativeShare, uniqueAuthors, samplePostIds, LocationLevel.CITY, StatsView.SLIDING, null,
                null, null);
    }

    /** These stats with the counts of the window's newest slide. */
    public TopicLocationStats withLastSlide(long slidePosts, long slideNegative) {
        return new TopicLocationStats(topic, locationId, locationName, country, windowStart, windowEnd, posts, negative,
                neutral, positive, meanScore, negativeShare, uniqueAuthors, samplePostIds, level, view, topTerms,
                slidePosts, slideNegative);
    }
}
