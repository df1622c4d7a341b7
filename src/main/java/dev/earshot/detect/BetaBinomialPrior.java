package dev.earshot.detect;

import dev.earshot.model.TopicLocationStats;
import java.util.List;

/**
 * An empirical-Bayes prior for the negative share of one topic's cities in one window: each city's true share is
 * taken to come from a Beta distribution with the pooled {@code mean} and a {@code strength} (alpha + beta) fitted
 * to how much the cities differ. A city's posterior-mean share, (negative + strength x mean) / (posts + strength),
 * pulls a small city's share toward the pool much more than a big city's: 3 of 3 negative is weak evidence of a
 * 100 % share, 60 of 80 is strong evidence of 75 %.
 *
 * @param mean the pooled negative share of all cities (the prior mean)
 * @param strength alpha + beta: how many posts' worth of weight the prior has
 */
public record BetaBinomialPrior(double mean, double strength) {

    /**
     * The least weight the prior gets, even when the cities differ wildly: one post's worth, so that a city with
     * every post negative (or none) still has a share strictly inside (0, 1) and a finite interval.
     */
    static final double MIN_STRENGTH = 1;

    public BetaBinomialPrior {
        if (!(mean >= 0 && mean <= 1)) {
            throw new IllegalArgumentException("mean must be in [0, 1], was " + mean);
        }
        if (!(strength > 0)) {
            throw new IllegalArgumentException("strength must be > 0, was " + strength);
        }
    }

    /**
     * Method of moments across the cities, weighted by posts: the spread of the true shares is what the observed
     * spread exceeds binomial noise by, tau^2 = (sum n_i (p_i - m)^2 - (k - 1) m (1 - m)) / (N - sum n_i^2 / N)
     * (the DerSimonian-Laird estimator for proportions), and a Beta with mean m and variance tau^2 has
     * alpha + beta = m (1 - m) / tau^2 - 1. When the spread is not identifiable (fewer than three cities with posts,
     * a pooled share of 0 or 1, or no spread beyond noise, which the moments would read as "pool completely"), the
     * prior gets {@code maxStrength}: the cities' own posts still count, only small cells are pulled in.
     *
     * @param cells one topic's cities in one window
     * @param maxStrength the most weight the prior may get, in posts
     */
    public static BetaBinomialPrior fit(List<TopicLocationStats> cells, double maxStrength) {
        if (!(maxStrength >= MIN_STRENGTH)) {
            throw new IllegalArgumentException("maxStrength must be >= " + MIN_STRENGTH + ", was " + maxStrength);
        }
        long posts = 0;
        long negative = 0;
        long squaredPosts = 0;
        int cities = 0;
        for (TopicLocationStats cell : cells) {
            if (cell.posts() > 0) {
                posts += cell.posts();
                negative += cell.negative();
                squaredPosts += cell.posts() * cell.posts();
                cities++;
            }
        }
        if (posts == 0) {
            return new BetaBinomialPrior(0, maxStrength);
        }
        double mean = (double) negative / posts;
        double binomialVariance = mean * (1 - mean);
        if (cities < 3 || binomialVariance == 0) {
            return new BetaBinomialPrior(mean, maxStrength);
        }
        double spread = 0;
        for (TopicLocationStats cell : cells) {
            if (cell.posts() > 0) {
                double deviation = (double) cell.negative() / cell.posts() - mean;
                spread += cell.posts() * deviation * deviation;
            }
        }
        double tauSquared = (spread - (cities - 1) * binomialVariance) / (posts - (double) squaredPosts / posts);
        if (!(tauSquared > 0)) {
            return new BetaBinomialPrior(mean, maxStrength);
        }
        double strength = binomialVariance / tauSquared - 1;
        return new BetaBinomialPrior(mean, Math.max(MIN_STRENGTH, Math.min(maxStrength, strength)));
    }

    /** The negative posts of a city after shrinkage: its own plus the prior's pseudo-posts. */
    double pseudoNegative(long negative) {
        return negative + strength * mean;
    }

    /** The posts of a city after shrinkage. */
    double pseudoPosts(long posts) {
        return posts + strength;
    }

    /** The posterior-mean negative share of a city. */
    public double shrunkShare(long negative, long posts) {
        return pseudoNegative(negative) / pseudoPosts(posts);
    }
}
