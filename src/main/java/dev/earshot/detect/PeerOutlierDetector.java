package dev.earshot.detect;

import dev.earshot.model.AlertKind;
import dev.earshot.model.TopicLocationStats;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares each city's negative share for one topic with the other cities' in the same window: a {@link
 * AlertKind#PEER_OUTLIER} when it is several times theirs, with a confidence interval that says so too. Each city is
 * compared with the rest pooled, never with a pool that includes itself (which would dilute its own deviation).
 */
public final class PeerOutlierDetector {

    /** The Haldane-Anscombe correction added to each cell of the 2x2 table when a negative count is zero. */
    private static final double HALDANE = 0.5;

    private final PeerParams params;

    public PeerOutlierDetector(PeerParams params) {
        this.params = params;
    }

    /**
     * @param cells every city's stats for one topic and one window
     * @return one finding per city, in location id order
     */
    public List<Finding> evaluate(List<TopicLocationStats> cells) {
        requireOneTopicAndWindow(cells);
        long allPosts = cells.stream().mapToLong(TopicLocationStats::posts).sum();
        long allNegative = cells.stream().mapToLong(TopicLocationStats::negative).sum();
        long citiesWithPosts = cells.stream().filter(c -> c.posts() > 0).count();
        return cells.stream()
                .sorted(Comparator.comparing(TopicLocationStats::locationId))
                .map(cell -> compare(cell, allNegative - cell.negative(), allPosts - cell.posts(),
                        citiesWithPosts - (cell.posts() > 0 ? 1 : 0)))
                .toList();
    }

    private Finding compare(TopicLocationStats cell, long peerNegative, long peerPosts, long peers) {
        if (peerPosts == 0 || cell.posts() == 0) {
            // Nothing to compare with: ratio 1 and lower bound 0 say "no evidence either way".
            return finding(cell, false, false, peerPosts == 0 ? 0 : (double) peerNegative / peerPosts, 1, 0, 0);
        }
        double a = cell.negative();
        double n1 = cell.posts();
        double c = peerNegative;
        double n2 = peerPosts;
        if (a == 0 || c == 0) {
            a += HALDANE;
            c += HALDANE;
            n1 += 2 * HALDANE;
            n2 += 2 * HALDANE;
        }
        double ratio = (a / n1) / (c / n2);
        // Katz: log(RR) is close to normal with this standard error.
        double standardError = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
        double lower = Math.exp(Math.log(ratio) - params.z() * standardError);
        double peerShare = (double) peerNegative / peerPosts;
        boolean judged = cell.posts() >= params.minPosts()
                && peerPosts >= params.minPeerPosts()
                && peers >= params.minPeers();
        boolean anomalous = judged && ratio >= params.minRatio() && lower >= params.minLowerRatio();
        boolean elevated = judged && ratio >= params.stayRatio() && lower >= params.stayLowerRatio();
        return finding(cell, anomalous, elevated, peerShare, ratio, lower,
                twoProportionZ(cell, peerNegative, peerPosts));
    }

    private static double twoProportionZ(TopicLocationStats cell, long peerNegative, long peerPosts) {
        double pooled = (double) (cell.negative() + peerNegative) / (cell.posts() + peerPosts);
        double variance = pooled * (1 - pooled) * (1.0 / cell.posts() + 1.0 / peerPosts);
        return variance == 0 ? 0 : (cell.negativeShare() - (double) peerNegative / peerPosts) / Math.sqrt(variance);
    }

    private static Finding finding(TopicLocationStats cell, boolean anomalous, boolean elevated, double peerShare,
                                   double ratio, double lower, double z) {
        return new Finding(AlertKind.PEER_OUTLIER, cell.topic(), cell.locationId(), cell.locationName(),
                cell.windowStart(), cell.windowEnd(), anomalous, elevated, cell.negativeShare(), peerShare, ratio,
                lower, z, cell.posts(), cell.samplePostIds());
    }

    private static void requireOneTopicAndWindow(List<TopicLocationStats> cells) {
        if (cells.isEmpty()) {
            return;
        }
        TopicLocationStats first = cells.get(0);
        Set<String> locations = new HashSet<>();
        for (TopicLocationStats cell : cells) {
            if (!cell.topic().equals(first.topic()) || !cell.windowStart().equals(first.windowStart())
                    || !cell.windowEnd().equals(first.windowEnd())) {
                throw new IllegalArgumentException("peer cells must share one topic and one window: got "
                        + describe(first.topic(), first.windowStart(), first.windowEnd()) + " and "
                        + describe(cell.topic(), cell.windowStart(), cell.windowEnd()));
            }
            if (!locations.add(cell.locationId())) {
                throw new IllegalArgumentException("location " + cell.locationId() + " appears twice; aggregate it first");
            }
        }
    }

    private static String describe(String topic, Instant start, Instant end) {
        return topic + " [" + start + ", " + end + ")";
    }
}
