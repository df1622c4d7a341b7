package dev.earshot.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.json.Json;
import dev.earshot.model.Author;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Location;
import dev.earshot.model.LocationMethod;
import dev.earshot.model.Post;
import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import dev.earshot.model.TermCount;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatsAccumulatorTest {

    private static final Instant T0 = Instant.parse("2026-03-04T04:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofHours(2));
    private static final Location BENGALURU = new Location("geonames:1277333", "Bengaluru", "Karnataka", "IN",
            new GeoPoint(12.97, 77.59), LocationMethod.TEXT, 0.9);

    @Test
    void countsLabelsScoresAndDistinctAuthors() {
        StatsAccumulator acc = new StatsAccumulator()
                .add(negativePost("twitter:1", "alice", -0.8))
                .add(negativePost("twitter:2", "alice", -0.6))
                .add(negativePost("twitter:3", "bob", -0.4))
                .add(post("twitter:4", "carol", 0.0, SentimentLabel.NEUTRAL))
                .add(post("twitter:5", "dave", 0.6, SentimentLabel.POSITIVE));

        TopicLocationStats stats = acc.toStats("parking", BENGALURU, T0, T1);

        assertThat(stats.posts()).isEqualTo(5);
        assertThat(stats.negative()).isEqualTo(3);
        assertThat(stats.neutral()).isEqualTo(1);
        assertThat(stats.positive()).isEqualTo(1);
        assertThat(stats.negativeShare()).isCloseTo(0.6, within(1e-12));
        assertThat(stats.meanScore()).isCloseTo(-0.24, within(1e-12));
        assertThat(stats.uniqueAuthors()).isEqualTo(4);
        assertThat(stats.locationId()).isEqualTo("geonames:1277333");
        assertThat(stats.locationName()).isEqualTo("Bengaluru");
        assertThat(stats.country()).isEqualTo("IN");
        assertThat(stats.windowStart()).isEqualTo(T0);
        assertThat(stats.windowEnd()).isEqualTo(T1);
    }

    @Test
    void keepsTheFiveMostNegativePostsWithTiesBrokenByPostId() {
        StatsAccumulator acc = new StatsAccumulator()
                .add(negativePost("twitter:c", "u1", -0.5))
                .add(post("twitter:z", "u2", 0.7, SentimentLabel.POSITIVE))
                .add(negativePost("twitter:b", "u3", -0.5))
                .add(negativePost("twitter:x", "u4", -0.9))
                .add(negativePost("twitter:a", "u5", -0.5))
                .add(negativePost("twitter:d", "u6", -0.5))
                .add(post("twitter:n", "u7", 0.0, SentimentLabel.NEUTRAL));

        assertThat(acc.toStats("parking", BENGALURU, T0, T1).samplePostIds())
                .containsExactly("twitter:x", "twitter:a", "twitter:b", "twitter:c", "twitter:d");
    }

    @Test
    void amongEquallyNegativePostsTheMoreReachedComeFirstAndReachOutweighsASlightlyMoreNegativeScore() {
        StatsAccumulator acc = new StatsAccumulator()
                .add(post("twitter:quiet", "u1", -0.6, SentimentLabel.NEGATIVE, 0))
                .add(post("twitter:loud", "u2", -0.6, SentimentLabel.NEGATIVE, 50_000))
                .add(post("twitter:angrier", "u3", -0.7, SentimentLabel.NEGATIVE, 0))
                .add(post("twitter:furious", "u4", -1.0, SentimentLabel.NEGATIVE, 20));

        // weights: furious -1.0 * 2.32 = -2.32, loud -0.6 * 5.70 = -3.42, angrier -0.7, quiet -0.6
        assertThat(acc.toStats("parking", BENGALURU, T0, T1).samplePostIds())
                .containsExactly("twitter:loud", "twitter:furious", "twitter:angrier", "twitter:quiet");
    }

    @Test
    void countsTheTopTermsWithoutTheTopicsOwnWordsAndMergesThem() {
        StatsAccumulator left = new StatsAccumulator(2)
                .add(withTerms("twitter:1", List.of("tow", "car", "parking")))
                .add(withTerms("twitter:2", List.of("tow", "fine", "park")));
        StatsAccumulator right = new StatsAccumulator(2)
                .add(withTerms("twitter:3", List.of("fine", "tow")))
                .add(withTerms("twitter:4", List.of("meter")));

        TopicLocationStats stats = left.merge(right).toStats("parking", BENGALURU, T0, T1);

        assertThat(stats.topTerms()).containsExactly(new TermCount("tow", 3), new TermCount("fine", 2));
        assertThat(new StatsAccumulator().add(withTerms("twitter:5", List.of("tow")))
                .toStats("parking", BENGALURU, T0, T1).topTerms()).isNull();
    }

    @Test
    void anyArrivalOrderAndAnySplitGiveTheSameStats() {
        List<EnrichedPost> posts = new ArrayList<>();
        Random scores = new Random(7);
        for (int i = 0; i < 40; i++) {
            // Scores with all their digits, whose floating-point sum would depend on the order of the additions.
            double score = scores.nextDouble() * 2 - 1;
            SentimentLabel label = score < -0.2 ? SentimentLabel.NEGATIVE
                    : score > 0.2 ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
            posts.add(withTerms(post("mastodon:" + i, "author" + (i % 13), score, label, i * 97L % 1000),
                    List.of("term" + (i % 7), "term" + (i % 3))));
        }
        TopicLocationStats expected = accumulate(posts).toStats("parking", BENGALURU, T0, T1);

        Random random = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            List<EnrichedPost> shuffled = new ArrayList<>(posts);
            Collections.shuffle(shuffled, random);
            int split = random.nextInt(posts.size() + 1);
            StatsAccumulator left = accumulate(shuffled.subList(0, split));
            StatsAccumulator right = accumulate(shuffled.subList(split, shuffled.size()));
            TopicLocationStats merged = (trial % 2 == 0 ? left.merge(right) : right.merge(left))
                    .toStats("parking", BENGALURU, T0, T1);

            assertThat(merged).usingRecursiveComparison().isEqualTo(expected);
        }
    }

    @Test
    void topTermsDoNotDependOnArrivalOrderInAWindowWithFarMoreTermsThanItReports() {
        // 60 posts of 8 terms over 150 distinct terms, many tied: a busy window's long tail, which a sketch of 5
        // counters per reported term evicted from in an order-dependent way.
        List<EnrichedPost> posts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < 8; j++) {
                terms.add("term" + (i * 7 + j * 13 + i * j) % 150);
            }
            posts.add(withTerms(negativePost("bluesky:" + i, "author" + i, -0.5), terms));
        }
        List<TermCount> expected = accumulate(posts, 10).toStats("noise", BENGALURU, T0, T1).topTerms();

        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            List<EnrichedPost> shuffled = new ArrayList<>(posts);
            Collections.shuffle(shuffled, random);
            int split = random.nextInt(posts.size() + 1);
            StatsAccumulator merged = accumulate(shuffled.subList(0, split), 10)
                    .merge(accumulate(shuffled.subList(split, shuffled.size()), 10));

            assertThat(merged.toStats("noise", BENGALURU, T0, T1).topTerms()).isEqualTo(expected);
        }
        assertThat(expected).hasSize(10);
    }

    @Test
    void mergeCountsAnAuthorAndAPostSeenOnBothSidesOnce() {
        StatsAccumulator left = new StatsAccumulator().add(negativePost("twitter:1", "alice", -0.9));
        StatsAccumulator right = new StatsAccumulator()
                .add(negativePost("twitter:2", "alice", -0.3))
                .add(negativePost("twitter:1", "alice", -0.9));

        TopicLocationStats stats = left.merge(right).toStats("parking", BENGALURU, T0, T1);

        assertThat(stats.uniqueAuthors()).isEqualTo(1);
        assertThat(stats.samplePostIds()).containsExactly("twitter:1", "twitter:2");
    }

    @Test
    void anEmptyAccumulatorGivesZeroSharesRatherThanNaN() {
        TopicLocationStats stats = new StatsAccumulator().toStats("parking", BENGALURU, T0, T1);

        assertThat(stats.posts()).isZero();
        assertThat(stats.meanScore()).isZero();
        assertThat(stats.negativeShare()).isZero();
        assertThat(stats.samplePostIds()).isEmpty();
    }

    @Test
    void roundTripsThroughJson() {
        StatsAccumulator acc = new StatsAccumulator()
                .add(negativePost("twitter:1", "alice", -0.8))
                .add(post("twitter:2", "bob", 0.5, SentimentLabel.POSITIVE));

        StatsAccumulator copy = Json.read(Json.write(acc), StatsAccumulator.class);

        assertThat(copy.toStats("parking", BENGALURU, T0, T1)).isEqualTo(acc.toStats("parking", BENGALURU, T0, T1));
        // The copy keeps ranking: a more negative post still displaces the least negative sample.
        copy.add(negativePost("twitter:0", "carol", -0.95));
        assertThat(copy.toStats("parking", BENGALURU, T0, T1).samplePostIds())
                .containsExactly("twitter:0", "twitter:1", "twitter:2");
    }

    @Test
    void theMeanScoreDoesNotDependOnTheOrderOfTheScores() {
        double[] scores = {0.1, 0.2, 0.3, -0.7, 0.123456789012, -0.98765432101};
        StatsAccumulator forwards = new StatsAccumulator();
        StatsAccumulator backwards = new StatsAccumulator();
        double forwardsSum = 0;
        double backwardsSum = 0;
        for (int i = 0; i < scores.length; i++) {
            forwards.add(post("x:" + i, "a", scores[i], SentimentLabel.NEUTRAL));
            backwards.add(post("x:" + i, "a", scores[scores.length - 1 - i], SentimentLabel.NEUTRAL));
            forwardsSum += scores[i];
            backwardsSum += scores[scores.length - 1 - i];
        }

        assertThat(forwardsSum).as("a floating-point sum does depend on it").isNotEqualTo(backwardsSum);
        assertThat(forwards.toStats("noise", BENGALURU, T0, T1).meanScore())
                .isEqualTo(backwards.toStats("noise", BENGALURU, T0, T1).meanScore())
                .isCloseTo(forwardsSum / scores.length, within(1e-9));
    }

    @Test
    void readsStateWhoseScoreSumWasAFloatingPointNumber() {
        StatsAccumulator earlier = Json.read("{\"negative\":1,\"positive\":1,\"scoreSum\":-0.3}", StatsAccumulator.class);

        assertThat(earlier.toStats("parking", BENGALURU, T0, T1).meanScore()).isEqualTo(-0.15);
        assertThat(Json.write(earlier)).contains("\"scoreSumBillionths\":-300000000").doesNotContain("\"scoreSum\"");
    }

    private static StatsAccumulator accumulate(List<EnrichedPost> posts) {
        return accumulate(posts, 3);
    }

    private static StatsAccumulator accumulate(List<EnrichedPost> posts, int topTerms) {
        StatsAccumulator acc = new StatsAccumulator(topTerms);
        posts.forEach(acc::add);
        return acc;
    }

    private static EnrichedPost negativePost(String id, String authorId, double score) {
        return post(id, authorId, score, SentimentLabel.NEGATIVE);
    }

    private static EnrichedPost withTerms(String id, List<String> terms) {
        return withTerms(negativePost(id, "alice", -0.5), terms);
    }

    private static EnrichedPost withTerms(EnrichedPost post, List<String> terms) {
        return new EnrichedPost(post.post(), post.sentiment(), post.topics(), post.location(), terms);
    }

    private static EnrichedPost post(String id, String authorId, double score, SentimentLabel label) {
        return post(id, authorId, score, label, 10);
    }

    private static EnrichedPost post(String id, String authorId, double score, SentimentLabel label, long followers) {
        Post post = new Post(id, "twitter", T0.plusSeconds(60), "parking near MG Road in Bangalore", "en",
                new Author(authorId, authorId, followers, null), null, null, null, null, null, null, List.of(), List.of());
        return new EnrichedPost(post, new Sentiment(score, label, 0.9, "test/1"), List.of("parking"), BENGALURU);
    }
}
