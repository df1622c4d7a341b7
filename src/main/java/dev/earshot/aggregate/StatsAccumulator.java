package dev.earshot.aggregate;

import dev.earshot.model.EnrichedPost;
import dev.earshot.model.Location;
import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The running totals of one (topic, location) window, mutable so that a window operator can add posts one by one
 * and merge partial results. Every field is order-independent (counts, a score sum in fixed point, a set, a top-K
 * with a total order), so the stats do not depend on arrival order or parallelism; the top terms are too while the window has fewer distinct
 * terms than their sketch keeps (see {@link TopTerms}). Jackson reads and writes it through its getters and setters.
 */
public final class StatsAccumulator {

    /** How many of the most telling posts a window keeps as evidence. */
    public static final int SAMPLE_SIZE = 5;

    /**
     * Scores are summed in billionths, as a long: integer sums do not depend on the order of the additions, where
     * floating-point sums differ in their last digits. Rounding a score in [-1, 1] to 1e-9 changes no mean that anyone
     * reads, and a long holds the sum of 9 billion posts.
     */
    static final double SCORE_UNITS_PER_POINT = 1e9;

    /**
     * How many counters the top-terms sketch keeps per term it reports. While a window has no more distinct terms than
     * that (200 for the default 10 top terms), its counts are exact and its top terms do not depend on arrival order or
     * parallelism; with 5 (50 counters), two runs of the same file differed in busy windows' lower top terms. It costs
     * at most a few kB per window, only in windows with that many terms.
     */
    static final int TERM_COUNTERS_PER_TOP_TERM = 20;

    /**
     * A candidate evidence post.
     *
     * @param score its sentiment score
     * @param followers its author's followers when it was seen
     */
    public record RankedPost(String postId, double score, long followers) {

        /**
         * How telling the post is: its score weighted by its reach, {@code score * (1 + log10(1 + followers))}. A post
         * twice as negative outranks one with ten times the followers, and among equally negative posts the one
         * more people saw comes first.
         */
        double weight() {
            return score * (1 + Math.log10(1 + followers));
        }
    }

    /** Most negative and most reached first; equal weights by post id, so that ties do not depend on arrival order. */
    private static final Comparator<RankedPost> MOST_TELLING_FIRST =
            Comparator.comparingDouble(RankedPost::weight).thenComparing(RankedPost::postId);

    private long negative;
    private long neutral;
    private long positive;
    private long scoreSumBillionths;
    private Set<String> authorIds = new TreeSet<>();
    private List<RankedPost> mostNegative = new ArrayList<>();
    private int topTermCount;
    private TopTerms terms;

    /** An accumulator that does not count terms. */
    public StatsAccumulator() {
    }

    /** @param topTermCount how many top terms the statistics report; 0 counts no terms */
    public StatsAccumulator(int topTermCount) {
        if (topTermCount < 0) {
            throw new IllegalArgumentException("topTermCount must be >= 0, was " + topTermCount);
        }
        this.topTermCount = topTermCount;
        this.terms = topTermCount == 0 ? null : new TopTerms(topTermCount * TERM_COUNTERS_PER_TOP_TERM);
    }

    public StatsAccumulator add(EnrichedPost post) {
        switch (post.sentiment().label()) {
            case NEGATIVE -> negative++;
            case NEUTRAL -> neutral++;
            case POSITIVE -> positive++;
        }
        scoreSumBillionths += Math.round(post.sentiment().score() * SCORE_UNITS_PER_POINT);
        authorIds.add(post.post().author().id());
        offerSample(new RankedPost(post.post().id(), post.sentiment().score(), post.post().author().followers()));
        if (terms != null && post.terms() != null) {
            post.terms().forEach(terms::add);
        }
        return this;
    }

    /** Adds {@code other}'s totals to this one and returns this one; {@code other} is left unchanged. */
    public StatsAccumulator merge(StatsAccumulator other) {
        negative += other.negative;
        neutral += other.neutral;
        positive += other.positive;
        scoreSumBillionths += other.scoreSumBillionths;
        authorIds.addAll(other.authorIds);
        other.mostNegative.forEach(this::offerSample);
        if (other.terms != null) {
            if (terms == null) {
                topTermCount = other.topTermCount;
                terms = new TopTerms(other.terms.getCapacity());
            }
            terms.merge(other.terms);
        }
        return this;
    }

    /** A city's sliding-window statistics. */
    public TopicLocationStats toStats(String topic, Location location, Instant windowStart, Instant windowEnd) {
        return toStats(topic, StatsPlace.city(location), StatsView.SLIDING, windowStart, windowEnd);
    }

    public TopicLocationStats toStats(String topic, StatsPlace place, StatsView view, Instant windowStart, Instant windowEnd) {
        long posts = posts();
        return new TopicLocationStats(
                topic,
                place.id(),
                place.name(),
                place.country(),
                windowStart,
                windowEnd,
                posts,
                negative,
                neutral,
                positive,
                posts == 0 ? 0 : scoreSumBillionths / SCORE_UNITS_PER_POINT / posts,
                posts == 0 ? 0 : (double) negative / posts,
                authorIds.size(),
                mostNegative.stream().map(RankedPost::postId).toList(),
                place.level(),
                view,
                terms == null ? null : terms.top(topTermCount, TopTerms.wordsOf(topic)),
                null, null);
    }

    /** Not a bean getter, so that it is derived rather than stored. */
    public long posts() {
        return negative + neutral + positive;
    }

    private void offerSample(RankedPost candidate) {
        // The same post may reach both halves of a merge (e.g. a replayed duplicate): keep it once.
        if (mostNegative.stream().anyMatch(p -> p.postId().equals(candidate.postId()))) {
            return;
        }
        mostNegative.add(candidate);
        mostNegative.sort(MOST_TELLING_FIRST);
        if (mostNegative.size() > SAMPLE_SIZE) {
            mostNegative.remove(mostNegative.size() - 1);
        }
    }

    public long getNegative() {
        return negative;
    }

    public void setNegative(long negative) {
        this.negative = negative;
    }

    public long getNeutral() {
        return neutral;
    }

    public void setNeutral(long neutral) {
        this.neutral = neutral;
    }

    public long getPositive() {
        return positive;
    }

    public void setPositive(long positive) {
        this.positive = positive;
    }

    public long getScoreSumBillionths() {
        return scoreSumBillionths;
    }

    public void setScoreSumBillionths(long scoreSumBillionths) {
        this.scoreSumBillionths = scoreSumBillionths;
    }

    /** Reads state written before the sum was kept in fixed point. */
    public void setScoreSum(double scoreSum) {
        this.scoreSumBillionths = Math.round(scoreSum * SCORE_UNITS_PER_POINT);
    }

    public Set<String> getAuthorIds() {
        return Collections.unmodifiableSet(authorIds);
    }

    public void setAuthorIds(Set<String> authorIds) {
        this.authorIds = new TreeSet<>(authorIds);
    }

    public List<RankedPost> getMostNegative() {
        return Collections.unmodifiableList(mostNegative);
    }

    public void setMostNegative(List<RankedPost> mostNegative) {
        this.mostNegative = new ArrayList<>();
        mostNegative.forEach(this::offerSample);
    }

    public int getTopTermCount() {
        return topTermCount;
    }

    public void setTopTermCount(int topTermCount) {
        this.topTermCount = topTermCount;
    }

    public TopTerms getTerms() {
        return terms;
    }

    public void setTerms(TopTerms terms) {
        this.terms = terms;
    }
}
