package dev.earshot.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NAB's rules on hand-made series of 100 rows (probation 15 rows) with one window, rows 40..59. */
class NabScorerTest {

    private static final int ROWS = 100;
    private static final List<NabWindow> WINDOW = List.of(new NabWindow(40, 59));
    private static final NabProfile STANDARD = NabProfile.STANDARD;

    private static boolean[] detectionsAt(int... rows) {
        boolean[] detections = new boolean[ROWS];
        for (int row : rows) {
            detections[row] = true;
        }
        return detections;
    }

    @Test
    void probationIsFifteenPercentOfTheRowsCappedAt750() {
        assertThat(NabScorer.probationRows(100)).isEqualTo(15);
        assertThat(NabScorer.probationRows(4999)).isEqualTo(749);
        assertThat(NabScorer.probationRows(15_902)).isEqualTo(750);
    }

    @Test
    void scaledSigmoidFollowsNabsAnchors() {
        assertThat(NabScorer.scaledSigmoid(-1)).isCloseTo(0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(0.84828, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(0)).isZero();
        assertThat(NabScorer.scaledSigmoid(1)).isCloseTo(-0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(3.01)).isEqualTo(-1);
    }

    @Test
    void earlierTruePositivesEarnMoreAndTheLeftEdgeEarnsTheFullWeight() {
        double atLeftEdge = NabScorer.score(detectionsAt(40), WINDOW, STANDARD).rawScore();
        double midway = NabScorer.score(detectionsAt(50), WINDOW, STANDARD).rawScore();
        double atRightEdge = NabScorer.score(detectionsAt(59), WINDOW, STANDARD).rawScore();

        // position -(59 - 40 + 1)/20 = -1, scaled by 1/scaledSigmoid(-1)
        assertThat(atLeftEdge).isCloseTo(1.0, within(1e-12));
        assertThat(midway).isCloseTo(NabScorer.scaledSigmoid(-10 / 20.0) / NabScorer.scaledSigmoid(-1), within(1e-12));
        assertThat(atRightEdge).isCloseTo(NabScorer.scaledSigmoid(-1 / 20.0) / NabScorer.scaledSigmoid(-1), within(1e-12));
        assertThat(atLeftEdge).isGreaterThan(midway);
        assertThat(midway).isGreaterThan(atRightEdge);
        assertThat(atRightEdge).isPositive();
    }

    @Test
    void onlyTheEarliestDetectionInAWindowCounts() {
        NabFileScore once = NabScorer.score(detectionsAt(45), WINDOW, STANDARD);
        NabFileScore thrice = NabScorer.score(detectionsAt(45, 50, 58), WINDOW, STANDARD);

        assertThat(thrice.rawScore()).isEqualTo(once.rawScore());
        assertThat(thrice.truePositives()).isEqualTo(1);
        assertThat(thrice.tpRows()).isEqualTo(3);
    }

    @Test
    void aMissedWindowCostsTheFalseNegativeWeight() {
        NabFileScore missed = NabScorer.score(detectionsAt(), WINDOW, NabProfile.REWARD_LOW_FN_RATE);

        assertThat(missed.rawScore()).isEqualTo(-2.0);
        assertThat(missed.falseNegatives()).isEqualTo(1);
        assertThat(missed.recall()).isZero();
        assertThat(missed.precision()).isNaN();
    }

    @Test
    void falsePositivesCostMoreTheFurtherTheyAreAfterTheWindowAndFullyBeforeAnyWindow() {
        double beforeAnyWindow = NabScorer.score(detectionsAt(20), WINDOW, STANDARD).rawScore() + 1;
        double justAfter = NabScorer.score(detectionsAt(60), WINDOW, STANDARD).rawScore() + 1;
        double oneWidthAfter = NabScorer.score(detectionsAt(78), WINDOW, STANDARD).rawScore() + 1;
        double farAfter = NabScorer.score(detectionsAt(99), WINDOW, STANDARD).rawScore() + 1;

        assertThat(beforeAnyWindow).isCloseTo(-0.11, within(1e-12));
        // (60 - 59) / (20 - 1) of a window's width past its end
        assertThat(justAfter).isCloseTo(0.11 * NabScorer.scaledSigmoid(1 / 19.0), within(1e-12));
        assertThat(oneWidthAfter).isCloseTo(0.11 * NabScorer.scaledSigmoid(1.0), within(1e-12));
        assertThat(farAfter).isCloseTo(-0.11, within(1e-5)); // 2.1 widths past: nearly the full weight
        assertThat(justAfter).isGreaterThan(oneWidthAfter);
        assertThat(justAfter).isNegative();
    }

    @Test
    void theFalsePositiveWeightFollowsTheProfile() {
        double standard = NabScorer.score(detectionsAt(20), WINDOW, STANDARD).rawScore();
        double lowFp = NabScorer.score(detectionsAt(20), WINDOW, NabProfile.REWARD_LOW_FP_RATE).rawScore();

        assertThat(standard).isCloseTo(-1.11, within(1e-12));
        assertThat(lowFp).isCloseTo(-1.22, within(1e-12));
    }

    @Test
    void detectionsInTheProbationaryPeriodAreNotScored() {
        NabFileScore inProbation = NabScorer.score(detectionsAt(0, 5, 14), WINDOW, STANDARD);
        NabFileScore afterProbation = NabScorer.score(detectionsAt(15), WINDOW, STANDARD);

        assertThat(inProbation.rawScore()).isEqualTo(-1.0);
        assertThat(inProbation.falsePositives()).isZero();
        assertThat(inProbation.rows()).isEqualTo(85);
        assertThat(afterProbation.falsePositives()).isEqualTo(1);
        assertThat(afterProbation.rawScore()).isCloseTo(-1.11, within(1e-12));
    }

    @Test
    void aWindowWhollyInProbationIsNeitherRewardedNorCharged() {
        List<NabWindow> windows = List.of(new NabWindow(2, 10), new NabWindow(40, 59));

        NabFileScore none = NabScorer.score(detectionsAt(), windows, STANDARD);

        assertThat(none.nullScore()).isEqualTo(-1.0);
        assertThat(none.falseNegatives()).isEqualTo(1);
    }

    @Test
    void normalisationMakesTheNullDetectorZeroAndAPerfectOneHundred() {
        NabFileScore none = NabScorer.score(detectionsAt(), WINDOW, STANDARD);
        NabFileScore perfect = NabScorer.score(detectionsAt(40), WINDOW, STANDARD);
        NabFileScore midway = NabScorer.score(detectionsAt(50), WINDOW, STANDARD);

        assertThat(none.normalisedScore()).isZero();
        assertThat(perfect.normalisedScore()).isCloseTo(100, within(1e-9));
        assertThat(midway.normalisedScore()).isCloseTo(100 * (midway.rawScore() + 1) / 2, within(1e-9));
    }

    @Test
    void aCorpusIsNormalisedOverItsSummedScoresNotByAveragingFiles() {
        List<NabWindow> threeWindows = List.of(new NabWindow(20, 29), new NabWindow(50, 59), new NabWindow(80, 89));
        NabFileScore missedAll = NabScorer.score(detectionsAt(), threeWindows, STANDARD);
        NabFileScore perfect = NabScorer.score(detectionsAt(40), WINDOW, STANDARD);

        NabFileScore total = NabFileScore.total(List.of(missedAll, perfect));

        // raw -3 + 1 = -2, null -4, perfect 4: 100 x 2/8, not the mean of 0 and 100
        assertThat(total.normalisedScore()).isCloseTo(25, within(1e-9));
        assertThat(total.truePositives()).isEqualTo(1);
        assertThat(total.falseNegatives()).isEqualTo(3);
    }

    @Test
    void windowsAreLocatedByExactTimestampsAndMustNotOverlap() {
        var t0 = java.time.LocalDateTime.of(2015, 3, 1, 0, 0);
        List<java.time.LocalDateTime> times = java.util.stream.IntStream.range(0, 10).mapToObj(i -> t0.plusMinutes(5L * i)).toList();

        assertThat(NabWindow.locate("s", times, List.of(new NabWindow.TimeWindow(t0.plusMinutes(10), t0.plusMinutes(20)))))
                .containsExactly(new NabWindow(2, 4));
        assertThatThrownBy(() -> NabWindow.locate("s", times, List.of(new NabWindow.TimeWindow(t0.plusMinutes(11), t0.plusMinutes(20)))))
                .hasMessageContaining("is not a timestamp of the series");
        assertThatThrownBy(() -> NabScorer.score(new boolean[10], List.of(new NabWindow(2, 5), new NabWindow(4, 6)), STANDARD))
                .hasMessageContaining("without overlaps");
    }
}
