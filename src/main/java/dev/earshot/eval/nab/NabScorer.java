package dev.earshot.eval.nab;

import java.util.List;

/**
 * Scores a detector's detections on one labelled series by the Numenta Anomaly Benchmark's rules (Ahmad, Lavin,
 * Purdy &amp; Agha 2017; NAB's {@code nab/sweeper.py}):
 *
 * <ul>
 *   <li>The probationary period, the first 15 % of the rows but at most 750, is not scored: a detector is still
 *       learning there.
 *   <li>Each window earns for its earliest detection only: tpWeight × a scaled sigmoid of the detection's position
 *       in the window, nearly 1 at the window's left edge falling to 0 past its right edge, so earlier is better. A
 *       window without a detection costs fnWeight.
 *   <li>Each detection outside the windows costs fpWeight × a sigmoid of how far it lies after the end of the window
 *       before it, relative to that window's width: a detection just after a window (late, but about the anomaly)
 *       costs almost nothing, one a window's width later almost the full fpWeight, one before any window the full
 *       fpWeight.
 * </ul>
 *
 * Pure and deterministic; the caller supplies row indices, so timestamps are its business.
 */
public final class NabScorer {

    /** NAB's probationary share of a series ... */
    static final double PROBATION_SHARE = 0.15;
    /** ... capped at 15 % of 5,000 rows. */
    static final int MAX_PROBATION_ROWS = 750;

    private NabScorer() {
    }

    /** The rows NAB does not score at the start of a series of {@code rows} rows. */
    public static int probationRows(int rows) {
        return (int) Math.min(Math.floor(PROBATION_SHARE * rows), MAX_PROBATION_ROWS);
    }

    /**
     * NAB's scaled sigmoid: 2 / (1 + e^(5x)) − 1 of a relative position x, −1 beyond 3 (a detection far after any
     * window). x = −1 is a window's left edge (0.98661), 0 its right edge (0), 1 one window's width past it (−0.98661).
     */
    public static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2 / (1 + Math.exp(5 * relativePosition)) - 1.0;
    }

    /**
     * What a detection at each row would earn (in a window) or cost (outside): NAB's per-row {@code S(t)} column.
     * Rows in the probationary period get a value too, as in NAB's files, though they are never scored.
     */
    public static double[] rowWeights(int rows, List<NabWindow> windows, NabProfile profile) {
        requireWindowsWithin(rows, windows);
        double maxTp = scaledSigmoid(-1.0);
        double[] weights = new double[rows];
        int next = 0;
        NabWindow previous = null;
        for (int row = 0; row < rows; row++) {
            NabWindow current = next < windows.size() && windows.get(next).first() <= row ? windows.get(next) : null;
            if (current != null) {
                // NAB's position runs from −(width + 1)/width at the left edge to −1/width at the right one
                double position = -(current.last() - row + 1) / (double) current.width();
                weights[row] = scaledSigmoid(position) * profile.tpWeight() / maxTp;
                if (row == current.last()) {
                    previous = current;
                    next++;
                }
            } else if (previous == null) {
                weights[row] = -profile.fpWeight();
            } else {
                double positionPast = (row - previous.last()) / (double) (previous.width() - 1);
                weights[row] = scaledSigmoid(positionPast) * profile.fpWeight();
            }
        }
        return weights;
    }

    /**
     * The NAB score of {@code detections} (one flag per row, true where the detector raised an anomaly).
     *
     * @param windows the series' labelled windows in time order, without overlaps
     */
    public static NabFileScore score(boolean[] detections, List<NabWindow> windows, NabProfile profile) {
        int rows = detections.length;
        double[] weights = rowWeights(rows, windows, profile);
        int probation = probationRows(rows);
        double raw = 0;
        double nullScore = 0;
        int detected = 0;
        int missed = 0;
        int tpRows = 0;
        int fnRows = 0;
        for (NabWindow window : windows) {
            if (window.last() < probation) {
                continue; // wholly in the probationary period: NAB neither rewards nor charges it
            }
            nullScore -= profile.fnWeight();
            double best = -profile.fnWeight();
            boolean hit = false;
            for (int row = Math.max(window.first(), probation); row <= window.last(); row++) {
                if (detections[row]) {
                    best = Math.max(best, weights[row]);
                    hit = true;
                    tpRows++;
                } else {
                    fnRows++;
                }
            }
            raw += best;
            if (hit) {
                detected++;
            } else {
                missed++;
            }
        }
        int fpRows = 0;
        int outside = 0;
        for (int row = probation; row < rows; row++) {
            if (!inWindow(row, windows)) {
                outside++;
                if (detections[row]) {
                    raw += weights[row];
                    fpRows++;
                }
            }
        }
        double perfect = profile.tpWeight() * windows.size();
        return new NabFileScore(raw, nullScore, perfect, detected, fpRows, missed, rows - probation, tpRows,
                outside - fpRows, fpRows, fnRows);
    }

    private static boolean inWindow(int row, List<NabWindow> windows) {
        for (NabWindow window : windows) {
            if (row >= window.first() && row <= window.last()) {
                return true;
            }
        }
        return false;
    }

    private static void requireWindowsWithin(int rows, List<NabWindow> windows) {
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).last() >= rows) {
                throw new IllegalArgumentException("window " + windows.get(i) + " ends after the series' " + rows + " rows");
            }
            if (i > 0 && windows.get(i).first() <= windows.get(i - 1).last()) {
                throw new IllegalArgumentException("windows must be in time order without overlaps, but "
                        + windows.get(i) + " follows " + windows.get(i - 1));
            }
        }
    }
}
