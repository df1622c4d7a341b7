package dev.earshot.detect;

/**
 * An incident's severity from 1 to 10: its size plus how sure we are of it.
 * <ul>
 *   <li>size: 2 log2(ratio), at most 6 (x2 gives 2, x3 about 3, x5 about 4.6, x8 and more 6);</li>
 *   <li>confidence: (z - 3) / 2, from 0 to 4 (z 3, the least any detector accepts, adds nothing; z 11 adds 4).</li>
 * </ul>
 * Their sum is rounded and kept in [1, 10]: a 3x gap at z 8 is 6, a just-significant 1.8x is 2.
 */
final class Severity {

    private Severity() {
    }

    static int of(Finding finding) {
        double size = Math.min(6, 2 * log2(Math.max(finding.ratio(), 1)));
        double confidence = Math.min(4, Math.max(0, (finding.statistic() - 3) / 2));
        return (int) Math.max(1, Math.min(10, Math.round(size + confidence)));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
