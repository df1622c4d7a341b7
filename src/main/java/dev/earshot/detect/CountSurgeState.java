package dev.earshot.detect;

import java.util.Arrays;

/**
 * What {@link CountSurgeDetector} remembers of one series: its recent points and whether a burst is under way.
 * Immutable by convention (the detector never changes the arrays it was given) and plain data, so canonical JSON
 * can keep it in Flink state.
 *
 * @param times epoch seconds of the remembered points, ascending
 * @param counts each remembered point's own count
 * @param logSums log(1 + posts over {@code sumOver} up to that point): what that point was judged by
 * @param shortLogSums log(1 + posts over {@code shortSumOver} up to that point): its judgement on the short span
 * @param burst whether an alarm was raised and the series has not yet been quiet for {@code quietToRearm}
 * @param lastElevated epoch second of the burst's last point at or above the stay threshold
 */
public record CountSurgeState(long[] times, long[] counts, double[] logSums, double[] shortLogSums, boolean burst,
                              long lastElevated) {

    public CountSurgeState {
        if (times == null || counts == null || logSums == null || shortLogSums == null || times.length != counts.length
                || times.length != logSums.length || times.length != shortLogSums.length) {
            throw new IllegalArgumentException("times, counts, logSums and shortLogSums must be present and of equal length");
        }
    }

    public static CountSurgeState empty() {
        return new CountSurgeState(new long[0], new long[0], new double[0], new double[0], false, 0);
    }

    public int size() {
        return times.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CountSurgeState that && Arrays.equals(times, that.times)
                && Arrays.equals(counts, that.counts) && Arrays.equals(logSums, that.logSums)
                && Arrays.equals(shortLogSums, that.shortLogSums) && burst == that.burst && lastElevated == that.lastElevated;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * Arrays.hashCode(times) + Arrays.hashCode(counts)) + Arrays.hashCode(logSums))
                + Arrays.hashCode(shortLogSums)) + Boolean.hashCode(burst) + Long.hashCode(lastElevated);
    }

    @Override
    public String toString() {
        return "CountSurgeState[" + times.length + " points, burst=" + burst + ", lastElevated=" + lastElevated + "]";
    }
}
