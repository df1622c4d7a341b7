package dev.earshot.detect;

import dev.earshot.model.TopicLocationStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The recent windows of one (topic, location) cell, oldest first, at most one per window end. Immutable: {@link
 * #append} returns a new history, which the caller keeps (e.g. in keyed state).
 */
public record BaselineHistory(List<Entry> entries) {

    /**
     * What the baseline needs of one past window.
     *
     * @param lastSlidePosts posts of the window's newest slide, null where unknown
     * @param lastSlideNegative negative posts of that slide, null where unknown
     */
    public record Entry(Instant windowStart, Instant windowEnd, long posts, long negative, Long lastSlidePosts,
                        Long lastSlideNegative) {

        public Entry {
            if (windowStart == null || windowEnd == null) {
                throw new IllegalArgumentException("the window is required");
            }
            if (posts < 0 || negative < 0 || negative > posts) {
                throw new IllegalArgumentException("need 0 <= negative <= posts, was " + negative + " of " + posts);
            }
        }

        Entry(Instant windowStart, Instant windowEnd, long posts, long negative) {
            this(windowStart, windowEnd, posts, negative, null, null);
        }

        double negativeShare() {
            return posts == 0 ? 0 : (double) negative / posts;
        }
    }

    public BaselineHistory {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public static BaselineHistory empty() {
        return new BaselineHistory(List.of());
    }

    /**
     * The windows that ended by {@code windowStart}: they share no post with a window starting there, and none of
     * them lies in its future, whatever order windows were appended in.
     */
    public List<Entry> endedBy(Instant windowStart) {
        return entries.stream().filter(e -> !e.windowEnd().isAfter(windowStart)).toList();
    }

    /**
     * Posts and negative posts of the slides that ended after {@code from} and before {@code until}, from the newest
     * slide of each window ending in that span, or empty when a remembered window there does not know its newest
     * slide. A window that is not remembered had no posts at all, so its slide counts as empty.
     */
    public Optional<long[]> slidesEndedWithin(Instant from, Instant until) {
        long posts = 0;
        long negative = 0;
        for (Entry e : entries) {
            if (e.windowEnd().isAfter(from) && e.windowEnd().isBefore(until)) {
                if (e.lastSlidePosts() == null) {
                    return Optional.empty();
                }
                posts += e.lastSlidePosts();
                negative += e.lastSlideNegative();
            }
        }
        return Optional.of(new long[] {posts, negative});
    }

    /**
     * This history with {@code stats} added, keeping the {@code capacity} latest windows. A window that is already
     * there (a late re-firing) is replaced rather than counted twice.
     */
    public BaselineHistory append(TopicLocationStats stats, int capacity) {
        List<Entry> updated = new ArrayList<>(entries.stream()
                .filter(e -> !e.windowEnd().equals(stats.windowEnd()))
                .toList());
        updated.add(new Entry(stats.windowStart(), stats.windowEnd(), stats.posts(), stats.negative(),
                stats.lastSlidePosts(), stats.lastSlideNegative()));
        updated.sort(Comparator.comparing(Entry::windowEnd));
        return new BaselineHistory(updated.subList(Math.max(0, updated.size() - capacity), updated.size()));
    }
}
