package dev.earshot.detect;

import java.io.Serializable;
/**
 * Thresholds of {@link PeerOutlierDetector}. Two sets, for hysteresis (see {@link Finding}): a city becomes an
 * outlier on strong evidence ({@code minRatio}, {@code minLowerRatio}) and stays one until the evidence is gone
 * ({@code stayRatio}, {@code stayLowerRatio}); the posts and peers needed to judge at all are the same for both.
 *
 * @param minPosts posts a city needs in the window to be judged: two angry posts are no incident
 * @param minPeerPosts posts the other cities need together, so that the comparison rate is itself well measured
 * @param minPeers how many other cities with posts the pool needs, so that "other cities" is not one city's mood
 * @param minRatio the city's negative share over the others': smaller gaps are not worth a person's attention
 * @param minLowerRatio the rate ratio's lower confidence bound must reach this: the gap is real, not a few posts' luck
 * @param stayRatio the ratio an open incident needs to stay open: 1.5 is still clearly worse than the peers, while
 *     a share that falls back to the peers' ordinary range is not
 * @param stayLowerRatio the lower bound an open incident needs to stay open: 1.0 means the city is still
 *     significantly more negative than its peers at all. In the demo's Bengaluru parking incident (ratio about 3)
 *     the bound dips to 1.44 as posts thin out: not enough to open, but far from a city back in line
 * @param q the false-discovery rate across every topic x city cell tested in one window (Benjamini-Hochberg): of
 *     the cells that open an incident, at most this share on average are chance. 0.01 because a person reads
 *     each alert; the interval of an alert is the matching one (see {@link PeerOutlierDetector})
 * @param maxPriorPosts the most weight, in posts, the empirical-Bayes prior may get when it pulls a city's share
 *     toward the pool. The fit gives less when the cities really differ; this cap applies when their spread is no
 *     more than noise (the fit would then pool completely). 20, as minPosts: a city that can be judged at all
 *     weighs at least as much as the prior
 */
public record PeerParams(long minPosts, long minPeerPosts, int minPeers, double minRatio, double minLowerRatio,
                         double stayRatio, double stayLowerRatio, double q, double maxPriorPosts)
        implements Serializable {

    public PeerParams {
        if (minPosts < 1) {
            throw new IllegalArgumentException("minPosts must be >= 1, was " + minPosts + "; e.g. 20");
        }
        if (minPeerPosts < 1) {
            throw new IllegalArgumentException("minPeerPosts must be >= 1, was " + minPeerPosts + "; e.g. 50");
        }
        if (minPeers < 1) {
            throw new IllegalArgumentException("minPeers must be >= 1, was " + minPeers + "; e.g. 3");
        }
        if (!(minRatio >= 1)) {
            throw new IllegalArgumentException("minRatio must be >= 1, was " + minRatio + "; e.g. 2.0");
        }
        if (!(minLowerRatio >= 1)) {
            throw new IllegalArgumentException("minLowerRatio must be >= 1, was " + minLowerRatio
                    + "; below 1 the interval would admit a city less negative than its peers; e.g. 1.5");
        }
        if (!(stayRatio >= 1)) {
            throw new IllegalArgumentException("stayRatio must be >= 1, was " + stayRatio + "; e.g. 1.5");
        }
        if (stayRatio > minRatio) {
            throw new IllegalArgumentException("stayRatio must be <= minRatio=" + minRatio + ", was " + stayRatio
                    + "; staying open must not be harder than opening: lower stayRatio or raise minRatio");
        }
        if (!(stayLowerRatio >= 1)) {
            throw new IllegalArgumentException("stayLowerRatio must be >= 1, was " + stayLowerRatio
                    + "; below 1 the interval would admit a city less negative than its peers; e.g. 1.0");
        }
        if (stayLowerRatio > minLowerRatio) {
            throw new IllegalArgumentException("stayLowerRatio must be <= minLowerRatio=" + minLowerRatio + ", was "
                    + stayLowerRatio + "; staying open must not be harder than opening: lower stayLowerRatio or raise"
                    + " minLowerRatio");
        }
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("q must be in (0, 1), was " + q + "; e.g. 0.01 for a 1 % false-discovery"
                    + " rate");
        }
        if (!(maxPriorPosts >= BetaBinomialPrior.MIN_STRENGTH)) {
            throw new IllegalArgumentException("maxPriorPosts must be >= " + (int) BetaBinomialPrior.MIN_STRENGTH
                    + ", was " + maxPriorPosts + "; e.g. 20");
        }
    }

    public static PeerParams defaults() {
        return new PeerParams(20, 50, 3, 2.0, 1.5, 1.5, 1.0, 0.01, 20);
    }
}
