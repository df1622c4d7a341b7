package dev.earshot.detect;

import java.io.Serializable;
/**
 * Thresholds of {@link PeerOutlierDetector}.
 *
 * @param minPosts posts a city needs in the window to be judged: two angry posts are no incident
 * @param minPeerPosts posts the other cities need together, so that the comparison rate is itself well measured
 * @param minPeers how many other cities with posts the pool needs, so that "other cities" is not one city's mood
 * @param minRatio the city's negative share over the others': smaller gaps are not worth a person's attention
 * @param minLowerRatio the rate ratio's lower confidence bound must reach this: the gap is real, not a few posts' luck
 * @param z the normal quantile of the interval. 3.29 (99.9 % two-sided, 0.05 % one-sided) rather than 1.96
 *     because every window tests each topic in each city at once (9 topics x 10 cities = 90 cells in the demo):
 *     at 95 % about four of them would clear the bound by chance in every window; at 99.9 % fewer than one in ten
 *     windows has a single chance hit, close to a Bonferroni correction for 90 tests
 */
public record PeerParams(long minPosts, long minPeerPosts, int minPeers, double minRatio, double minLowerRatio, double z) implements Serializable {

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
        if (!(z > 0)) {
            throw new IllegalArgumentException("z must be > 0, was " + z + "; e.g. 3.29 for 99.9 %");
        }
    }

    public static PeerParams defaults() {
        return new PeerParams(20, 50, 3, 2.0, 1.5, 3.29);
    }
}
