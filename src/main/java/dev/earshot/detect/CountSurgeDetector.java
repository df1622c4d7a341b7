package dev.earshot.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * An online surge detector for a count series (posts per bucket): each point is judged once, when it arrives, from
 * the points before it only.
 *
 * <p>A point's score is the robust z of log(1 + posts over a span) against the same time of day on the previous days:
 * the median of those points and 1.4826 × their MAD, the MAD never below the Poisson noise of a count at the median
 * level (so that a quiet series with a MAD of 0 does not make every extra post infinitely significant). Log counts,
 * because volume varies multiplicatively; the time of day, because the daily rhythm is the largest regular swing;
 * median and MAD, because earlier bursts in the baseline must not drag it along.
 *
 * <p>Two spans are judged, each against its own baseline, and the point's z is the larger: {@code sumOver} (2 h), which
 * sees a slow swell through the noise, and {@code shortSumOver} (30 min), on which a sharp burst stands out first and
 * undiluted (in a 2-hour sum a 20-minute spike is mixed with 100 minutes of ordinary volume). An alert is worth most
 * when it is early, and a sharp burst is the common shape of news on a social network.
 *
 * <p>Weekends and weekdays differ, so once the series reaches back a week ({@code weekly}), a point must also stand out
 * against the same time ±band one week earlier, by the same two spans and with the earlier days' spread: its z is the
 * smaller of the two baselines'. That needs no time zone (a week earlier is the same local weekday everywhere) and no
 * more history than the 7 days kept, at the price that a cell's first weekend is still judged against weekdays only.
 *
 * <p>An alarm is raised at the first point of a burst (z at or above {@code openZ}) and not again until the series has
 * stayed below {@code stayZ} for {@code quietToRearm}: a burst is one incident however many buckets it lasts, which
 * matters more for precision than the baseline model does.
 */
public final class CountSurgeDetector {

    /** Points a week earlier needed before they may veto a surge: the least that have a middle. */
    private static final int MIN_WEEK_AGO_SAMPLES = 3;

    private final CountSurgeParams params;

    public CountSurgeDetector(CountSurgeParams params) {
        this.params = params;
    }

    /**
     * The verdict on one point.
     *
     * @param state the series' state after this point, to keep for the next
     * @param alarm whether this point starts a burst
     * @param elevated whether this point is at or above the stay threshold
     * @param robustZ the point's robust z, the larger of the two spans' (0 while the baseline is too short to judge)
     * @param expected the baseline posts over {@code sumOver} (the count whose log is that baseline's median), NaN
     *     while too short
     */
    public record Step(CountSurgeState state, boolean alarm, boolean elevated, double robustZ, double expected) {
    }

    /**
     * Judges {@code count} at {@code time} against {@code state}, the series' state after its previous point.
     *
     * @throws IllegalArgumentException if the count is negative or the time is not after the previous point's
     */
    public Step step(CountSurgeState state, Instant time, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count + " at " + time);
        }
        long now = time.getEpochSecond();
        if (state.size() > 0 && now <= state.times()[state.size() - 1]) {
            throw new IllegalArgumentException("points must arrive in time order, but " + time + " is not after "
                    + Instant.ofEpochSecond(state.times()[state.size() - 1]));
        }
        double logSum = Math.log1p(count + recentPosts(state, now, params.sumOver()));
        double shortLogSum = Math.log1p(count + recentPosts(state, now, params.shortSumOver()));
        boolean[] inBaseline = baseline(state, now);
        double[] baseline = select(state.logSums(), inBaseline);
        double robustZ = 0;
        double expected = Double.NaN;
        if (baseline.length >= params.minBaselineSamples()) {
            double[] shortBaseline = select(state.shortLogSums(), inBaseline);
            double spread = RobustStats.sigma(baseline, RobustStats.median(baseline), 0);
            double shortSpread = RobustStats.sigma(shortBaseline, RobustStats.median(shortBaseline), 0);
            robustZ = Math.max(robustZ(logSum, baseline, spread), robustZ(shortLogSum, shortBaseline, shortSpread));
            expected = Math.expm1(RobustStats.median(baseline));
            int[] weekAgo = params.weekly() ? weekAgo(state, now) : new int[] {0, 0};
            if (weekAgo[1] - weekAgo[0] >= MIN_WEEK_AGO_SAMPLES) {
                // A week earlier is one day, whose points lie minutes apart: it gives the level, while the
                // day-to-day scatter comes from the earlier days' baseline.
                double[] level = Arrays.copyOfRange(state.logSums(), weekAgo[0], weekAgo[1]);
                double weekAgoZ = Math.max(robustZ(logSum, level, spread), robustZ(shortLogSum,
                        Arrays.copyOfRange(state.shortLogSums(), weekAgo[0], weekAgo[1]), shortSpread));
                if (weekAgoZ < robustZ) {
                    robustZ = weekAgoZ;
                    expected = Math.expm1(RobustStats.median(level));
                }
            }
        }
        boolean elevated = robustZ >= params.stayZ();
        boolean burst = state.burst();
        long lastElevated = state.lastElevated();
        if (burst && elevated) {
            lastElevated = now;
        } else if (burst && now - lastElevated >= params.quietToRearm().getSeconds()) {
            burst = false;
        }
        boolean alarm = !burst && robustZ >= params.openZ();
        if (alarm) {
            burst = true;
            lastElevated = now;
        }
        return new Step(remember(state, now, count, logSum, shortLogSum, burst, lastElevated), alarm, elevated, robustZ,
                expected);
    }

    /** The index range [from, to) of the remembered points within the band around this time one week earlier. */
    private int[] weekAgo(CountSurgeState state, long now) {
        long weekAgo = now - CountSurgeParams.WEEK.getSeconds();
        long band = params.band().getSeconds();
        return new int[] {firstAtOrAfter(state.times(), weekAgo - band), firstAtOrAfter(state.times(), weekAgo + band + 1)};
    }

    private static int firstAtOrAfter(long[] ascending, long time) {
        int found = Arrays.binarySearch(ascending, time);
        return found >= 0 ? found : -found - 1;
    }

    /**
     * The z of {@code logSum} against the median of {@code level}, in units of {@code spread} (a robust standard
     * deviation), never below the Poisson noise of a count at that median.
     */
    private static double robustZ(double logSum, double[] level, double spread) {
        double median = RobustStats.median(level);
        double poissonNoise = 1 / Math.sqrt(Math.exp(median)); // sd of log(1 + X) is at most 1/sqrt(1 + mean)
        return (logSum - median) / Math.max(spread, poissonNoise);
    }

    /** Posts of the points before now within {@code span}. */
    private static long recentPosts(CountSurgeState state, long now, Duration span) {
        long posts = 0;
        for (int i = state.size() - 1; i >= 0 && state.times()[i] > now - span.getSeconds(); i--) {
            posts += state.counts()[i];
        }
        return posts;
    }

    /** Which remembered points are the earlier days' within the band around this time of day. */
    private boolean[] baseline(CountSurgeState state, long now) {
        long season = CountSurgeParams.SEASON.getSeconds();
        long band = params.band().getSeconds();
        long oldest = now - params.history().getSeconds() - band;
        long newest = now - season + band;
        long timeOfDay = Math.floorMod(now, season);
        boolean[] selected = new boolean[state.size()];
        for (int i = 0; i < state.size(); i++) {
            long t = state.times()[i];
            long apart = Math.abs(Math.floorMod(t, season) - timeOfDay);
            selected[i] = t >= oldest && t <= newest && Math.min(apart, season - apart) <= band;
        }
        return selected;
    }

    private static double[] select(double[] values, boolean[] selected) {
        double[] chosen = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (selected[i]) {
                chosen[n++] = values[i];
            }
        }
        return Arrays.copyOf(chosen, n);
    }

    /** The state with this point added and points too old for any later baseline dropped. */
    private CountSurgeState remember(CountSurgeState state, long now, long count, double logSum, double shortLogSum,
                                     boolean burst, long lastElevated) {
        long keepFrom = now - params.history().getSeconds() - params.band().getSeconds();
        int from = 0;
        while (from < state.size() && state.times()[from] < keepFrom) {
            from++;
        }
        int kept = state.size() - from;
        long[] times = Arrays.copyOfRange(state.times(), from, from + kept + 1);
        long[] counts = Arrays.copyOfRange(state.counts(), from, from + kept + 1);
        double[] logSums = Arrays.copyOfRange(state.logSums(), from, from + kept + 1);
        double[] shortLogSums = Arrays.copyOfRange(state.shortLogSums(), from, from + kept + 1);
        times[kept] = now;
        counts[kept] = count;
        logSums[kept] = logSum;
        shortLogSums[kept] = shortLogSum;
        return new CountSurgeState(times, counts, logSums, shortLogSums, burst, lastElevated);
    }
}
