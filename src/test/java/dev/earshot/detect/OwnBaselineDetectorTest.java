package dev.earshot.detect;

import static dev.earshot.detect.DetectFixtures.end;
import static dev.earshot.detect.DetectFixtures.parkingInBengaluru;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.json.Json;
import dev.earshot.model.AlertKind;
import org.junit.jupiter.api.Test;

class OwnBaselineDetectorTest {

    private final OwnBaselineDetector detector = new OwnBaselineDetector(BaselineParams.defaults());

    @Test
    void aStableCellGivesNoFinding() {
        OwnBaselineDetector.Evaluation evaluation = detector.evaluate(parkingInBengaluru(24, 41, 11), stableHistory(24));

        assertThat(evaluation.findings()).extracting(Finding::kind)
                .containsExactly(AlertKind.NEGATIVE_SPIKE, AlertKind.VOLUME_SURGE);
        assertThat(evaluation.findings()).noneMatch(Finding::anomalous);
        assertThat(evaluation.negativeSpike().expected()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void aThreefoldJumpInNegativeShareIsASpike() {
        Finding spike = detector.evaluate(parkingInBengaluru(24, 40, 30), stableHistory(24)).negativeSpike();

        assertThat(spike.anomalous()).isTrue();
        assertThat(spike.observed()).isCloseTo(0.75, within(1e-12));
        assertThat(spike.expected()).isCloseTo(0.25, within(1e-12));
        assertThat(spike.ratio()).isCloseTo(3.0, within(1e-12));
        assertThat(spike.statistic()).as("binomial z of 30 of 40 against 0.25").isCloseTo(20 / Math.sqrt(7.5), within(1e-9));
        assertThat(spike.windowEnd()).isEqualTo(end(24));
        assertThat(spike.evidencePostIds()).containsExactly(DetectFixtures.BENGALURU + ":post24");
    }

    @Test
    void aJumpOfAFewPostsIsNoIncident() {
        Finding spike = detector.evaluate(parkingInBengaluru(24, 8, 6), stableHistory(24)).negativeSpike();

        assertThat(spike.ratio()).isGreaterThan(BaselineParams.defaults().minRatio());
        assertThat(spike.anomalous()).isFalse();
    }

    @Test
    void windowsOverlappingTheJudgedOneAreNotItsBaseline() {
        BaselineParams shortHistory = new BaselineParams(48, 3, 10, 20, 1.8, 4, 3, 1.3, 2, 0.05, 0.02, 30, 3, 4, 1.5, 2, 0.25);
        OwnBaselineDetector shortHistoryDetector = new OwnBaselineDetector(shortHistory);
        BaselineHistory history = BaselineHistory.empty();
        for (int n = 0; n < 3; n++) {
            history = history.append(parkingInBengaluru(n, 40, 10), 48);
        }
        // The incident started three slides ago: those windows overlap window 6, which starts at end(2).
        for (int n = 3; n < 6; n++) {
            history = history.append(parkingInBengaluru(n, 40, 30), 48);
        }

        Finding spike = shortHistoryDetector.evaluate(parkingInBengaluru(6, 40, 30), history).negativeSpike();

        assertThat(spike.expected()).isCloseTo(0.25, within(1e-12));
        assertThat(spike.anomalous()).isTrue();
    }

    @Test
    void tooLittleNonOverlappingHistoryIsNotJudged() {
        // 11 usable windows and 3 overlapping ones: 14 entries, but fewer than minHistory = 12 usable.
        Finding spike = detector.evaluate(parkingInBengaluru(14, 40, 30), stableHistory(14)).negativeSpike();

        assertThat(spike.anomalous()).isFalse();
        assertThat(spike.ratio()).isEqualTo(1);
        assertThat(detector.evaluate(parkingInBengaluru(15, 40, 30), stableHistory(15)).negativeSpike().anomalous())
                .as("with 12 usable windows it is judged").isTrue();
    }

    @Test
    void laterWindowsInTheHistoryAreNeverUsed() {
        BaselineHistory past = stableHistory(16);
        BaselineHistory pastAndFuture = past;
        for (int n = 30; n < 50; n++) {
            pastAndFuture = pastAndFuture.append(parkingInBengaluru(n, 40, 30), 48);
        }

        OwnBaselineDetector.Evaluation withFuture = detector.evaluate(parkingInBengaluru(24, 40, 30), pastAndFuture);
        OwnBaselineDetector.Evaluation withoutFuture = detector.evaluate(parkingInBengaluru(24, 40, 30), past);

        assertThat(withFuture.findings()).isEqualTo(withoutFuture.findings());
        assertThat(withFuture.negativeSpike().anomalous()).isTrue();
    }

    @Test
    void evaluatingAppendsTheWindowAndKeepsTheHistoryBounded() {
        BaselineHistory history = stableHistory(60);
        assertThat(history.entries()).hasSize(48);
        assertThat(history.entries().get(47).windowEnd()).isEqualTo(end(59));

        BaselineHistory refired = detector.evaluate(parkingInBengaluru(59, 50, 5), history).history();

        assertThat(refired.entries()).hasSize(48);
        assertThat(refired.entries().get(47).posts()).as("a re-fired window replaces itself").isEqualTo(50);
    }

    @Test
    void aFivefoldRiseInPostsIsAVolumeSurgeButNotASpike() {
        OwnBaselineDetector.Evaluation evaluation = detector.evaluate(parkingInBengaluru(24, 200, 50), stableHistory(24));

        Finding surge = evaluation.volumeSurge();
        assertThat(surge.anomalous()).isTrue();
        assertThat(surge.observed()).isEqualTo(200);
        assertThat(surge.expected()).isEqualTo(40);
        assertThat(surge.ratio()).isCloseTo(5.0, within(1e-12));
        assertThat(surge.statistic()).isGreaterThanOrEqualTo(4);
        assertThat(evaluation.negativeSpike().anomalous()).isFalse();
    }

    @Test
    void aDoublingOfPostsIsNoSurge() {
        assertThat(detector.evaluate(parkingInBengaluru(24, 80, 20), stableHistory(24)).volumeSurge().anomalous()).isFalse();
    }

    @Test
    void aSurgeOfAHandfulOfPostsIsNoSurge() {
        BaselineHistory quiet = BaselineHistory.empty();
        for (int n = 0; n < 24; n++) {
            quiet = quiet.append(parkingInBengaluru(n, 3, 1), 48);
        }

        Finding surge = detector.evaluate(parkingInBengaluru(24, 25, 5), quiet).volumeSurge();

        assertThat(surge.ratio()).isGreaterThan(8);
        assertThat(surge.anomalous()).isFalse();
    }

    @Test
    void aDailyRhythmInTheHistoryDoesNotHideASurge() {
        // Half a day of quiet night windows, then half a day of busy ones: the spread of all windows around their
        // median is wide (z about 2), but volume hardly moves between adjacent windows.
        BaselineHistory dayAndNight = BaselineHistory.empty();
        for (int n = 0; n < 24; n++) {
            dayAndNight = dayAndNight.append(parkingInBengaluru(n, n < 12 ? 6 : 24, 2), 48);
        }

        Finding surge = detector.evaluate(parkingInBengaluru(28, 100, 10), dayAndNight).volumeSurge();

        assertThat(surge.expected()).isEqualTo(15);
        assertThat(surge.anomalous()).isTrue();
    }

    @Test
    void aCellWithGapsIsJudgedOnTheSpreadOfItsWindows() {
        BaselineHistory sparse = BaselineHistory.empty();
        for (int n = 0; n < 12; n++) {
            sparse = sparse.append(parkingInBengaluru(8 * n, 4, 1), 48);
        }

        Finding surge = detector.evaluate(parkingInBengaluru(100, 40, 4), sparse).volumeSurge();

        assertThat(surge.ratio()).isEqualTo(10);
        assertThat(surge.anomalous()).isTrue();
    }

    @Test
    void historyRoundTripsThroughJson() {
        BaselineHistory history = stableHistory(5);

        assertThat(Json.read(Json.write(history), BaselineHistory.class)).isEqualTo(history);
    }

    @Test
    void paramsNameTheParameterAndTheFix() {
        assertThatThrownBy(() -> new BaselineParams(48, 60, 10, 20, 1.8, 4, 3, 1.3, 2, 0.05, 0.02, 30, 3, 4, 1.5, 2, 0.25))
                .hasMessageContaining("minHistory").hasMessageContaining("raise historySize");
    }

    /** Windows 0 .. count-1 of 38 to 42 posts, a quarter of them negative give or take one, run through the detector. */
    private BaselineHistory stableHistory(int count) {
        BaselineHistory history = BaselineHistory.empty();
        for (int n = 0; n < count; n++) {
            history = detector.evaluate(parkingInBengaluru(n, 38 + 2 * (n % 3), 9 + n % 3), history).history();
        }
        return history;
    }
}
