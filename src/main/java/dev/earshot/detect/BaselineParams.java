package dev.earshot.detect;

import java.io.Serializable;
/**
 * Thresholds of {@link OwnBaselineDetector}. A cell is judged against its own recent windows; windows that overlap
 * the judged one are never part of its baseline (they share its posts), whatever the window size and slide.
 *
 * @param historySize how many past windows a cell keeps; 48 slides of 30 min is one day, so that the baseline spans
 *     a whole daily cycle rather than just the last few hours
 * @param minHistory how many non-overlapping past windows are needed before judging; 12 slides is 6 hours, i.e.
 *     at least three independent 2-hour windows, the least from which a median and MAD mean anything
 * @param minHistoryPosts posts a past window needs to count in the negative-share baseline: the share of a
 *     handful of posts is mostly chance, and such windows would widen the MAD until nothing is significant
 * @param minPosts posts the window needs for a negative spike: two angry posts are no incident
 * @param minRatio how many times the baseline's negative share the window must reach: smaller rises are not worth
 *     a person's attention even when significant
 * @param minRobustZ how many robust standard deviations (1.4826 MAD) above the median the share must be: 4 keeps the
 *     ordinary ups and downs of the cell's own history, however skewed, below the bar
 * @param minBinomialZ the binomial z of the window's negative posts against the baseline rate, so that the rise is
 *     more than sampling noise of this window's few posts; 4 (one-sided p ~ 3e-5) rather than 3 because every slide
 *     tests every topic in every city (90 cells in the demo): in a simulation of the demo world (4 days, 90 cells)
 *     z 3 opened about one false spike a day, z 4 about one in ten days, while still finding a 3x rise at 24 posts
 * @param minShareSpread the smallest robust spread of the share: a flat history (MAD 0) would otherwise make
 *     every wiggle infinitely significant; 0.05 is five percentage points
 * @param minBaselineShare the smallest baseline share used in the ratio and binomial test, so that a history
 *     without any negative post does not turn the first one into an infinite ratio
 * @param surgeMinPosts posts the window needs for a volume surge: x3 of a handful is still a handful
 * @param surgeMinRatio how many times the history's median posts the window must reach
 * @param surgeMinRobustZ robust z of log(1 + posts) against the history's median: log counts because volumes vary
 *     multiplicatively, so one spread fits busy and quiet cells; the spread is that of the steps between adjacent
 *     windows, so that the daily rhythm does not count as noise (see {@link OwnBaselineDetector})
 * @param minLogSpread the smallest robust spread of log(1 + posts); 0.25 means +-28 % is ordinary variation
 */
public record BaselineParams(
        int historySize,
        int minHistory,
        long minHistoryPosts,
        long minPosts,
        double minRatio,
        double minRobustZ,
        double minBinomialZ,
        double minShareSpread,
        double minBaselineShare,
        long surgeMinPosts,
        double surgeMinRatio,
        double surgeMinRobustZ,
        double minLogSpread) implements Serializable {

    public BaselineParams {
        if (historySize < 1) {
            throw new IllegalArgumentException("historySize must be >= 1, was " + historySize
                    + "; set it to the number of past windows a cell keeps, e.g. 48");
        }
        if (minHistory < 1 || minHistory > historySize) {
            throw new IllegalArgumentException("minHistory must be in [1, historySize=" + historySize + "], was "
                    + minHistory + "; lower it or raise historySize");
        }
        requireAtLeast("minHistoryPosts", minHistoryPosts, 1);
        requireAtLeast("minPosts", minPosts, 1);
        requireAtLeast("minRatio", minRatio, 1);
        requireAtLeast("minRobustZ", minRobustZ, 0);
        requireAtLeast("minBinomialZ", minBinomialZ, 0);
        requirePositive("minShareSpread", minShareSpread);
        if (!(minBaselineShare > 0 && minBaselineShare < 0.5)) {
            throw new IllegalArgumentException("minBaselineShare must be in (0, 0.5), was " + minBaselineShare
                    + "; use a small share such as 0.02");
        }
        requireAtLeast("surgeMinPosts", surgeMinPosts, 1);
        requireAtLeast("surgeMinRatio", surgeMinRatio, 1);
        requireAtLeast("surgeMinRobustZ", surgeMinRobustZ, 0);
        requirePositive("minLogSpread", minLogSpread);
    }

    public static BaselineParams defaults() {
        return new BaselineParams(48, 12, 10, 20, 1.8, 4, 4, 0.05, 0.02, 30, 3, 4, 0.25);
    }

    private static void requireAtLeast(String name, double value, double min) {
        if (!(value >= min)) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value
                    + "; set it to " + min + " or more");
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value + "; set a small positive floor");
        }
    }
}
