package dev.earshot.detect;

import dev.earshot.model.AlertKind;
import dev.earshot.model.TopicLocationStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Compares each city's negative share for a topic with the other cities' in the same window: a {@link
 * AlertKind#PEER_OUTLIER} when it is several times theirs, with a confidence interval that says so too. It takes
 * every topic of one window at once, because the false-discovery rate is controlled across all of them.
 *
 * <p>For each topic x city cell:
 * <ol>
 *   <li>the city is compared with the other cities pooled, never with a pool that includes itself (which would
 *       dilute its own deviation);</li>
 *   <li>its share is shrunk toward the topic's pooled share by an empirical-Bayes {@link BetaBinomialPrior}, so
 *       that 3 of 3 negative posts is not read as a 100 % share;</li>
 *   <li>the rate ratio RR = shrunk share / peers' share gets a Katz interval on log RR computed on the shrunk
 *       counts: se = sqrt(1/a' - 1/n' + 1/c - 1/n2) with a' = negative + strength x mean and n' = posts + strength.
 *       That is the log-normal approximation of the city's Beta posterior, so the prior narrows the interval only
 *       as much as it moves the estimate;</li>
 *   <li>the statistic is z = ln RR / se, and its one-sided p-value 1 - Phi(z) tests "no more negative than the
 *       peers". Shrinking toward the pool only lowers z, so the p-value stays valid.</li>
 * </ol>
 * The cells with enough support (posts, peer posts, peer cities) are the window's m tests. Benjamini-Hochberg at
 * {@code q} picks R of them, and every interval is at the one-sided level 1 - q max(R, 1) / m for each bound: the
 * false-coverage-rate adjustment of Benjamini and Yekutieli (2005). Under it a picked cell's lower bound is above 1
 * exactly as its p-value passes, and the intervals of the alerts raised miss on average at most a share q.
 * A cell opens an incident when it is picked, with a ratio of at least {@code minRatio} and a lower bound of at
 * least {@code minLowerRatio}. It stays elevated on the looser {@code stayRatio} and {@code stayLowerRatio}, which
 * need no pick.
 */
public final class PeerOutlierDetector {

    /** The Haldane-Anscombe correction added to each cell of the 2x2 table when a negative count is zero. */
    private static final double HALDANE = 0.5;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private final PeerParams params;

    public PeerOutlierDetector(PeerParams params) {
        this.params = params;
    }

    /** One cell's comparison before the window-wide decision. */
    private record Comparison(TopicLocationStats cell, double peerShare, double ratio, double logStandardError,
                              double statistic, double pValue, boolean judged) {
    }

    /**
     * @param cells every topic's and every city's stats of one window
     * @return one finding per cell, by topic and then location id
     */
    public List<Finding> evaluate(List<TopicLocationStats> cells) {
        requireOneWindow(cells);
        Map<String, List<TopicLocationStats>> byTopic = new TreeMap<>();
        cells.forEach(cell -> byTopic.computeIfAbsent(cell.topic(), topic -> new ArrayList<>()).add(cell));
        List<Comparison> comparisons = new ArrayList<>();
        byTopic.values().forEach(topicCells -> comparisons.addAll(compareTopic(topicCells)));

        List<Comparison> tested = comparisons.stream().filter(Comparison::judged).toList();
        boolean[] discovery = BenjaminiHochberg.discoveries(
                tested.stream().mapToDouble(Comparison::pValue).toArray(), params.q());
        Set<Comparison> discovered = new HashSet<>();
        for (int i = 0; i < discovery.length; i++) {
            if (discovery[i]) {
                discovered.add(tested.get(i));
            }
        }
        double alpha = params.q() * Math.max(discovered.size(), 1) / Math.max(tested.size(), 1);
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha);
        return comparisons.stream().map(c -> finding(c, discovered.contains(c), z)).toList();
    }

    private List<Comparison> compareTopic(List<TopicLocationStats> cells) {
        BetaBinomialPrior prior = BetaBinomialPrior.fit(cells, params.maxPriorPosts());
        long allPosts = cells.stream().mapToLong(TopicLocationStats::posts).sum();
        long allNegative = cells.stream().mapToLong(TopicLocationStats::negative).sum();
        long citiesWithPosts = cells.stream().filter(c -> c.posts() > 0).count();
        return cells.stream()
                .sorted(Comparator.comparing(TopicLocationStats::locationId))
                .map(cell -> compare(cell, prior, allNegative - cell.negative(), allPosts - cell.posts(),
                        citiesWithPosts - (cell.posts() > 0 ? 1 : 0)))
                .toList();
    }

    private Comparison compare(TopicLocationStats cell, BetaBinomialPrior prior, long peerNegative, long peerPosts,
                               long peers) {
        if (peerPosts == 0 || cell.posts() == 0) {
            // Nothing to compare with: ratio 1 and no interval say "no evidence either way".
            return new Comparison(cell, peerPosts == 0 ? 0 : (double) peerNegative / peerPosts, 1, Double.NaN, 0, 1,
                    false);
        }
        double a = prior.pseudoNegative(cell.negative());
        double n1 = prior.pseudoPosts(cell.posts());
        double c = peerNegative;
        double n2 = peerPosts;
        if (a == 0 || c == 0) {
            a += HALDANE;
            c += HALDANE;
            n1 += 2 * HALDANE;
            n2 += 2 * HALDANE;
        }
        double ratio = (a / n1) / (c / n2);
        double standardError = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
        // Every post negative everywhere leaves no variance, and no difference to test.
        double statistic = standardError == 0 ? 0 : Math.log(ratio) / standardError;
        boolean judged = cell.posts() >= params.minPosts()
                && peerPosts >= params.minPeerPosts()
                && peers >= params.minPeers();
        return new Comparison(cell, (double) peerNegative / peerPosts, ratio, standardError, statistic,
                STANDARD_NORMAL.cumulativeProbability(-statistic), judged);
    }

    private Finding finding(Comparison c, boolean discovered, double z) {
        boolean hasInterval = !Double.isNaN(c.logStandardError());
        double lower = hasInterval ? c.ratio() * Math.exp(-z * c.logStandardError()) : 0;
        Double upper = hasInterval ? c.ratio() * Math.exp(z * c.logStandardError()) : null;
        boolean anomalous = c.judged() && discovered && c.ratio() >= params.minRatio()
                && lower >= params.minLowerRatio();
        boolean elevated = c.judged() && c.ratio() >= params.stayRatio() && lower >= params.stayLowerRatio();
        TopicLocationStats cell = c.cell();
        return new Finding(AlertKind.PEER_OUTLIER, cell.topic(), cell.locationId(), cell.locationName(),
                cell.windowStart(), cell.windowEnd(), anomalous, elevated, cell.negativeShare(), c.peerShare(),
                c.ratio(), lower, upper, c.statistic(), cell.posts(), cell.samplePostIds());
    }

    private static void requireOneWindow(List<TopicLocationStats> cells) {
        if (cells.isEmpty()) {
            return;
        }
        TopicLocationStats first = cells.get(0);
        Set<String> topicLocations = new HashSet<>();
        for (TopicLocationStats cell : cells) {
            if (!cell.windowStart().equals(first.windowStart()) || !cell.windowEnd().equals(first.windowEnd())) {
                throw new IllegalArgumentException("peer cells must share one window: got "
                        + describe(first.windowStart(), first.windowEnd()) + " and "
                        + describe(cell.windowStart(), cell.windowEnd()));
            }
            if (!topicLocations.add(cell.topic() + "|" + cell.locationId())) {
                throw new IllegalArgumentException("topic " + cell.topic() + " in location " + cell.locationId()
                        + " appears twice; aggregate it first");
            }
        }
    }

    private static String describe(Instant start, Instant end) {
        return "[" + start + ", " + end + ")";
    }
}
