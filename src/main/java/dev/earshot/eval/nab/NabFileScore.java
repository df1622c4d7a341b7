package dev.earshot.eval.nab;

import java.util.List;

/**
 * The NAB score of one series (or of a corpus: see {@link #total}) under one profile.
 *
 * <p>Window-level counts: a window with at least one detection is one true positive however many rows it flags,
 * a window without is one false negative, and every detection outside the windows is one false positive (NAB
 * charges each such row). Row-level counts are NAB's own, as in its published per-file results.
 *
 * @param rawScore NAB's raw score
 * @param nullScore the raw score of a detector that never fires: minus fnWeight for each scored window
 * @param perfectScore the raw score NAB normalises against: tpWeight for each labelled window
 * @param truePositives windows detected
 * @param falsePositives detections outside every window
 * @param falseNegatives windows missed
 * @param rows rows after the probationary period, NAB's per-row counts below add up to it
 */
public record NabFileScore(
        double rawScore,
        double nullScore,
        double perfectScore,
        int truePositives,
        int falsePositives,
        int falseNegatives,
        int rows,
        int tpRows,
        int tnRows,
        int fpRows,
        int fnRows) {

    /** 100 × (raw − null) / (perfect − null): 0 for the null detector, 100 for a perfect one, NaN without windows. */
    public double normalisedScore() {
        return perfectScore == nullScore ? Double.NaN : 100 * (rawScore - nullScore) / (perfectScore - nullScore);
    }

    /** Detected windows over detected windows plus false-positive detections; NaN when nothing was detected. */
    public double precision() {
        int flagged = truePositives + falsePositives;
        return flagged == 0 ? Double.NaN : (double) truePositives / flagged;
    }

    /** Detected windows over windows; NaN without windows. */
    public double recall() {
        int windows = truePositives + falseNegatives;
        return windows == 0 ? Double.NaN : (double) truePositives / windows;
    }

    /**
     * A corpus's score: NAB sums raw, null and perfect scores over files before normalising, so that a file with
     * more windows weighs more.
     */
    public static NabFileScore total(List<NabFileScore> files) {
        return new NabFileScore(
                files.stream().mapToDouble(NabFileScore::rawScore).sum(),
                files.stream().mapToDouble(NabFileScore::nullScore).sum(),
                files.stream().mapToDouble(NabFileScore::perfectScore).sum(),
                files.stream().mapToInt(NabFileScore::truePositives).sum(),
                files.stream().mapToInt(NabFileScore::falsePositives).sum(),
                files.stream().mapToInt(NabFileScore::falseNegatives).sum(),
                files.stream().mapToInt(NabFileScore::rows).sum(),
                files.stream().mapToInt(NabFileScore::tpRows).sum(),
                files.stream().mapToInt(NabFileScore::tnRows).sum(),
                files.stream().mapToInt(NabFileScore::fpRows).sum(),
                files.stream().mapToInt(NabFileScore::fnRows).sum());
    }
}
