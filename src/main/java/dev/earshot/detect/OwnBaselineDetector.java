package dev.earshot.detect;

import dev.earshot.model.AlertKind;
import dev.earshot.model.TopicLocationStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Judges a (topic, location) window against the same cell's own past windows: a {@link AlertKind#NEGATIVE_SPIKE}
 * when its negative share rises far above the usual, a {@link AlertKind#VOLUME_SURGE} when its post count does.
 * Only windows that ended before the judged one started are used: overlapping windows share its posts (an incident
 * would already be in its own baseline) and later ones would be look-ahead.
 *
 * <p>A negative spike is also opened on the window's newest posts alone ({@code recentSpan}, from the windows' newest
 * slides) when the whole window is already elevated: an incident that began an hour ago fills only half of a 2-hour
 * window, which dilutes its share, while its latest hour stands out undiluted. The same ratio and binomial z apply.
 */
public final class OwnBaselineDetector {

    /** Both findings of one window, and the history with that window appended, to keep for the next one. */
    public record Evaluation(Finding negativeSpike, Finding volumeSurge, BaselineHistory history) {

        public List<Finding> findings() {
            return List.of(negativeSpike, volumeSurge);
        }
    }

    /** Fewer adjacent window pairs than this give no usable spread of the steps. */
    private static final int MIN_STEPS = 3;

    private final BaselineParams params;

    public OwnBaselineDetector(BaselineParams params) {
        this.params = params;
    }

    /** Judges {@code stats} against {@code history}, then appends it. */
    public Evaluation evaluate(TopicLocationStats stats, BaselineHistory history) {
        List<BaselineHistory.Entry> past = history.endedBy(stats.windowStart());
        // A window of three posts has a share of 0, 33, 67 or 100 %: noise that would swamp the median and MAD.
        List<BaselineHistory.Entry> measurable = past.stream().filter(e -> e.posts() >= params.minHistoryPosts()).toList();
        Finding spike = measurable.size() >= params.minHistory() ? negativeSpike(stats, measurable, history)
                : unjudged(AlertKind.NEGATIVE_SPIKE, stats, stats.negativeShare());
        Finding surge = past.size() >= params.minHistory() ? volumeSurge(stats, past)
                : unjudged(AlertKind.VOLUME_SURGE, stats, stats.posts());
        return new Evaluation(spike, surge, history.append(stats, params.historySize()));
    }

    private Finding negativeSpike(TopicLocationStats stats, List<BaselineHistory.Entry> past, BaselineHistory history) {
        double[] shares = past.stream().mapToDouble(BaselineHistory.Entry::negativeShare).toArray();
        double median = RobustStats.median(shares);
        double robustZ = (stats.negativeShare() - median) / RobustStats.sigma(shares, median, params.minShareSpread());
        // Floored on both sides so that an all-positive or all-negative history still gives a finite test.
        double rate = Math.min(Math.max(median, params.minBaselineShare()), 1 - params.minBaselineShare());
        double ratio = stats.negativeShare() / rate;
        double binomialZ = binomialZ(stats.negative(), stats.posts(), rate);
        boolean judged = stats.posts() >= params.minPosts();
        boolean anomalous = judged
                && ratio >= params.minRatio()
                && robustZ >= params.minRobustZ()
                && binomialZ >= params.minBinomialZ();
        boolean elevated = judged && ratio >= params.stayRatio() && binomialZ >= params.stayBinomialZ();
        if (!anomalous && elevated) {
            Optional<long[]> recent = recentSlides(stats, history);
            if (recent.isPresent() && recent.get()[0] >= params.recentMinPosts()) {
                long posts = recent.get()[0];
                double recentShare = (double) recent.get()[1] / posts;
                double recentZ = binomialZ(recent.get()[1], posts, rate);
                if (recentShare / rate >= params.minRatio() && recentZ >= params.minBinomialZ()) {
                    return new Finding(AlertKind.NEGATIVE_SPIKE, stats.topic(), stats.locationId(),
                            stats.locationName(), stats.windowStart(), stats.windowEnd(), true, true, recentShare, rate,
                            recentShare / rate, recentShare / rate, recentZ, posts, stats.samplePostIds());
                }
            }
        }
        return finding(AlertKind.NEGATIVE_SPIKE, stats, anomalous, elevated, stats.negativeShare(), rate, ratio,
                binomialZ);
    }

    /**
     * Posts and negative posts of the window's newest {@code recentSpan}: the newest slide of this window and of the
     * windows before it that ended within the span. Empty when the span is off or a slide's counts are unknown.
     */
    private Optional<long[]> recentSlides(TopicLocationStats stats, BaselineHistory history) {
        if (params.recentSpan().isZero() || stats.lastSlidePosts() == null) {
            return Optional.empty();
        }
        return history.slidesEndedWithin(stats.windowEnd().minus(params.recentSpan()), stats.windowEnd())
                .map(earlier -> new long[] {earlier[0] + stats.lastSlidePosts(), earlier[1] + stats.lastSlideNegative()});
    }

    private static double binomialZ(long negative, long posts, double rate) {
        return posts == 0 ? 0 : (negative - posts * rate) / Math.sqrt(posts * rate * (1 - rate));
    }

    private Finding volumeSurge(TopicLocationStats stats, List<BaselineHistory.Entry> past) {
        double medianPosts = RobustStats.median(past.stream().mapToDouble(BaselineHistory.Entry::posts).toArray());
        double[] logPosts = past.stream().mapToDouble(e -> Math.log1p(e.posts())).toArray();
        double medianLog = RobustStats.median(logPosts);
        double robustZ = (Math.log1p(stats.posts()) - medianLog) / logVolumeSpread(past, logPosts, medianLog);
        double ratio = medianPosts == 0 ? stats.posts() : stats.posts() / medianPosts;
        boolean judged = stats.posts() >= params.surgeMinPosts();
        boolean anomalous = judged && ratio >= params.surgeMinRatio() && robustZ >= params.surgeMinRobustZ();
        boolean elevated = judged && ratio >= params.surgeStayRatio() && robustZ >= params.surgeStayRobustZ();
        return finding(AlertKind.VOLUME_SURGE, stats, anomalous, elevated, stats.posts(), medianPosts, ratio, robustZ);
    }

    /**
     * How far log volume usually strays, from the steps between adjacent non-overlapping windows (one ending where
     * the other starts): MAD of the steps / sqrt 2, the noise estimate of change-point detection. The spread of all
     * windows around their median would count the daily rhythm (night against day) as noise and hide real surges;
     * the rhythm changes little from one window to the next, so the steps leave it out. A cell with too few
     * adjacent windows (it is often silent) falls back on the spread around the median.
     */
    private double logVolumeSpread(List<BaselineHistory.Entry> past, double[] logPosts, double medianLog) {
        Map<Instant, BaselineHistory.Entry> byEnd = past.stream()
                .collect(Collectors.toMap(BaselineHistory.Entry::windowEnd, e -> e));
        double[] steps = past.stream()
                .filter(e -> byEnd.containsKey(e.windowStart()))
                .mapToDouble(e -> Math.log1p(e.posts()) - Math.log1p(byEnd.get(e.windowStart()).posts()))
                .toArray();
        if (steps.length < MIN_STEPS) {
            return RobustStats.sigma(logPosts, medianLog, params.minLogSpread());
        }
        return Math.max(RobustStats.sigma(steps, RobustStats.median(steps), 0) / Math.sqrt(2), params.minLogSpread());
    }

    /** Too little history to judge: say so with a neutral finding (ratio 1, z 0) so the lifecycle sees a quiet window. */
    private static Finding unjudged(AlertKind kind, TopicLocationStats stats, double observed) {
        return finding(kind, stats, false, false, observed, observed, 1, 0);
    }

    private static Finding finding(AlertKind kind, TopicLocationStats stats, boolean anomalous, boolean elevated,
                                   double observed, double expected, double ratio, double statistic) {
        return new Finding(kind, stats.topic(), stats.locationId(), stats.locationName(), stats.windowStart(),
                stats.windowEnd(), anomalous, elevated, observed, expected, ratio, ratio, statistic, stats.posts(),
                stats.samplePostIds());
    }
}
