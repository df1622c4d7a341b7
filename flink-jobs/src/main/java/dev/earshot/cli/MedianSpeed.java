package dev.earshot.cli;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/** Posts per second of one thread over a list of posts: one warm-up pass, then the median of the timed passes. */
final class MedianSpeed {

    private MedianSpeed() {
    }

    /** Applies {@code work} to every item of {@code items} once to warm up, then {@code passes} times timed. */
    static double postsPerSecond(IntFunction<?> work, List<Integer> items, int passes) {
        double[] rates = new double[passes];
        Object sink = null;
        for (int pass = -1; pass < passes; pass++) {
            long start = System.nanoTime();
            for (int item : items) {
                sink = work.apply(item);
            }
            if (pass >= 0) {
                rates[pass] = items.size() / ((System.nanoTime() - start) / 1e9);
            }
        }
        if (sink == null && !items.isEmpty()) {
            throw new IllegalStateException("the timed work returned null");
        }
        Arrays.sort(rates);
        return rates[passes / 2];
    }
}
