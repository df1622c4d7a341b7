package dev.earshot.aggregate;

import dev.earshot.model.EnrichedPost;
import dev.earshot.model.Location;
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
 * and merge partial results. Every field is order-independent (counts, a set, a top-K with a total order), so the
 * stats do not depend on arrival order or parallelism. Jackson reads and writes it through its getters and setters.
 */
public final class StatsAccumulator {

    /** How many of the most negative posts a window keeps as evidence. */
    public static final int SAMPLE_SIZE = 5;

    /** A candidate evidence post: its id and sentiment score. */
    public record RankedPost(String postId, double score) {
    }

    /** Most negative first; equal scores by post id so that ties do not depend on which post came first. */
    private static final Comparator<RankedPost> MOST_NEGATIVE_FIRST =
            Comparator.comparingDouble(RankedPost::score).thenComparing(RankedPost::postId);

    private long negative;
    private long neutral;
    private long positive;
    private double scoreSum;
    private Set<String> authorIds = new TreeSet<>();
    private List<RankedPost> mostNegative = new ArrayList<>();

    public StatsAccumulator() {
    }

    public StatsAccumulator add(EnrichedPost post) {
        switch (post.sentiment().label()) {
            case NEGATIVE -> negative++;
            case NEUTRAL -> neutral++;
            case POSITIVE -> positive++;
        }
        scoreSum += post.sentiment().score();
        authorIds.add(post.post().author().id());
        offerSample(new RankedPost(post.post().id(), post.sentiment().score()));
        return this;
    }

    /** Adds {@code other}'s totals to this one and returns this one; {@code other} is left unchanged. */
    public StatsAccumulator merge(StatsAccumulator other) {
        negative += other.negative;
        neutral += other.neutral;
        positive += other.positive;
        scoreSum += other.scoreSum;
        authorIds.addAll(other.authorIds);
        other.mostNegative.forEach(this::offerSample);
        return this;
    }

    public TopicLocationStats toStats(String topic, Location location, Instant windowStart, Instant windowEnd) {
        long posts = posts();
        return new TopicLocationStats(
                topic,
                location.id(),
                location.city(),
                location.country(),
                windowStart,
                windowEnd,
                posts,
                negative,
                neutral,
                positive,
                posts == 0 ? 0 : scoreSum / posts,
                posts == 0 ? 0 : (double) negative / posts,
                authorIds.size(),
                mostNegative.stream().map(RankedPost::postId).toList());
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
        mostNegative.sort(MOST_NEGATIVE_FIRST);
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

    public double getScoreSum() {
        return scoreSum;
    }

    public void setScoreSum(double scoreSum) {
        this.scoreSum = scoreSum;
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
}
