package dev.earshot.detect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini-Hochberg step-up procedure: among many tests run at once, which to call significant so that, on
 * average, at most a share {@code q} of those called are false discoveries. Sort the m p-values, find the largest
 * rank k with p(k) <= k q / m, and call the k smallest significant (even where a smaller rank missed its own line).
 * Valid for independent or positively dependent tests (Benjamini and Hochberg 1995; Benjamini and Yekutieli 2001).
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    /**
     * @param pValues one per test, in any order
     * @param q the false-discovery rate to control, in (0, 1)
     * @return for each test, in the order given, whether it is a discovery
     */
    public static boolean[] discoveries(double[] pValues, double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("q must be in (0, 1), was " + q + "; e.g. 0.01");
        }
        int m = pValues.length;
        Integer[] byP = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(byP, Comparator.comparingDouble(i -> pValues[i]));
        int rejected = 0;
        for (int rank = m; rank >= 1; rank--) {
            if (pValues[byP[rank - 1]] <= rank * q / m) {
                rejected = rank;
                break;
            }
        }
        boolean[] discovery = new boolean[m];
        for (int rank = 0; rank < rejected; rank++) {
            discovery[byP[rank]] = true;
        }
        return discovery;
    }
}
