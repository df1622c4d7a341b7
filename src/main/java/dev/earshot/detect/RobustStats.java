package dev.earshot.detect;

import java.util.Arrays;

/** Median and MAD: a baseline that a few past incidents or odd windows cannot drag along. */
final class RobustStats {

    /** Scales a MAD to a standard deviation for normal data. */
    static final double MAD_TO_SIGMA = 1.4826;

    private RobustStats() {
    }

    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values is undefined");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The robust standard deviation, 1.4826 MAD, but never below {@code floor}. */
    static double sigma(double[] values, double median, double floor) {
        double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
        return Math.max(MAD_TO_SIGMA * median(deviations), floor);
    }
}
