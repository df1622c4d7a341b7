package dev.earshot.detect;

import java.io.Serializable;
import java.time.Duration;
/**
 * Thresholds of {@link OwnBaselineDetector}. A cell is judged against its own recent windows; windows that overlap
 * the judged one are never part of its baseline (they share its posts), whatever the window size and slide.
 *
 * <p>Each kind has two sets of thresholds, for hysteresis (see {@link Finding}): the {@code min*} ones open an
 * incident on strong evidence, the {@code *Stay*} ones keep it open until the evidence is gone. The posts and history
 * needed to judge a cell at all are the same for both: a cell that cannot be judged is not elevated either.
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
 * @param stayRatio how many times the baseline's share keeps a negative spike open: 1.3 is still a clear rise,
 *     while a share back within the cell's usual range is not
 * @param stayBinomialZ the binomial z that keeps a negative spike open: 2 says the window is still above the
 *     baseline by more than its own sampling noise; the robust z, which guards the opening against the cell's ordinary
 *     ups and downs, is not asked again
 * @param minShareSpread the smallest robust spread of the share: a flat history (MAD 0) would otherwise make
 *     every wiggle infinitely significant; 0.05 is five percentage points
 * @param minBaselineShare the smallest baseline share used in the ratio and binomial test, so that a history
 *     without any negative post does not turn the first one into an infinite ratio
 * @param surgeMinPosts posts the window needs for a volume surge: x3 of a handful is still a handful
 * @param surgeMinRatio how many times the history's median posts the window must reach
 * @param surgeMinRobustZ robust z of log(1 + posts) against the history's median: log counts because volumes vary
 *     multiplicatively, so one spread fits busy and quiet cells; the spread is that of the steps between adjacent
 *     windows, so that the daily rhythm does not count as noise (see {@link OwnBaselineDetector})
 * @param surgeStayRatio how many times the median posts keeps a volume surge open: 1.5, half again the usual
 * @param surgeStayRobustZ robust z of log(1 + posts) that keeps a volume surge open: 2, still well outside the usual
 *     steps between windows
 * @param minLogSpread the smallest robust spread of log(1 + posts); 0.25 means +-28 % is ordinary variation
 * @param recentSpan the newest part of a window that may also open a negative spike on its own, while the whole
 *     window is at least elevated (see {@link OwnBaselineDetector}): 1 h, half the 2-hour window, so that an incident
 *     an hour old is judged on posts that are all its own rather than diluted half and half with the hour before.
 *     It is judged by the same {@code minRatio} and {@code minBinomialZ}; 0 turns it off
 * @param recentMinPosts posts the recent span needs to be judged: 10, as {@code minHistoryPosts}, below which a share
 *     is mostly chance
 */
public record BaselineParams(
        int historySize,
        int minHistory,
        long minHistoryPosts,
        long minPosts,
        double minRatio,
        double minRobustZ,
        double minBinomialZ,
        double stayRatio,
        double stayBinomialZ,
        double minShareSpread,
        double minBaselineShare,
        long surgeMinPosts,
        double surgeMinRatio,
        double surgeMinRobustZ,
        double surgeStayRatio,
        double surgeStayRobustZ,
        double minLogSpread,
        Duration recentSpan,
        long recentMinPosts) implements Serializable {

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
        requireNoStricter("stayRatio", stayRatio, 1, "minRatio", minRatio);
        requireNoStricter("stayBinomialZ", stayBinomialZ, 0, "minBinomialZ", minBinomialZ);
        requirePositive("minShareSpread", minShareSpread);
        if (!(minBaselineShare > 0 && minBaselineShare < 0.5)) {
            throw new IllegalArgumentException("minBaselineShare must be in (0, 0.5), was " + minBaselineShare
                    + "; use a small share such as 0.02");
        }
        requireAtLeast("surgeMinPosts", surgeMinPosts, 1);
        requireAtLeast("surgeMinRatio", surgeMinRatio, 1);
        requireAtLeast("surgeMinRobustZ", surgeMinRobustZ, 0);
        requireNoStricter("surgeStayRatio", surgeStayRatio, 1, "surgeMinRatio", surgeMinRatio);
        requireNoStricter("surgeStayRobustZ", surgeStayRobustZ, 0, "surgeMinRobustZ", surgeMinRobustZ);
        requirePositive("minLogSpread", minLogSpread);
        if (recentSpan == null || recentSpan.isNegative()) {
            throw new IllegalArgumentException("recentSpan must be zero or a positive duration, was " + recentSpan
                    + "; e.g. 1h, or 0s to judge whole windows only");
        }
        requireAtLeast("recentMinPosts", recentMinPosts, 1);
    }

    public static BaselineParams defaults() {
        return new BaselineParams(48, 12, 10, 20, 1.8, 4, 4, 1.3, 2, 0.05, 0.02, 30, 3, 4, 1.5, 2, 0.25,
                Duration.ofHours(1), 10);
    }

    private static void requireAtLeast(String name, double value, double min) {
        if (!(value >= min)) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value
                    + "; set it to " + min + " or more");
        }
    }

    /** A stay threshold above its open one would close an incident that is still strong enough to open. */
    private static void requireNoStricter(String name, double value, double min, String openName, double open) {
        requireAtLeast(name, value, min);
        if (value > open) {
            throw new IllegalArgumentException(name + " must be <= " + openName + "=" + open + ", was " + value
                    + "; staying open must not be harder than opening: lower " + name + " or raise " + openName);
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value + "; set a small positive floor");
        }
    }
}
