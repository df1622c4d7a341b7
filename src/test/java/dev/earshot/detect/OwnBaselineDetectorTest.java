package dev.earshot.detect;

import static dev.earshot.detect.DetectFixtures.end;
import static dev.earshot.detect.DetectFixtures.parkingInBengaluru;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.json.Json;
import dev.earshot.model.AlertKind;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
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
    void anIncidentAnHourOldOpensOnItsNewestHourWhileTheWholeWindowIsStillDiluted() {
        // Slides of 10 posts, a quarter negative; the incident's two slides have 8 of 10 negative.
        BaselineHistory history = BaselineHistory.empty();
        for (int n = 0; n < 24; n++) {
            history = detector.evaluate(slides(n, 40, 10, 10, 2 + n % 2), history).history();
        }
        history = detector.evaluate(slides(24, 40, 16, 10, 8), history).history();
        TopicLocationStats halfIncident = slides(25, 40, 20, 10, 8);

        Finding spike = detector.evaluate(halfIncident, history).negativeSpike();
        Finding wholeWindowOnly = new OwnBaselineDetector(withRecentSpan(Duration.ZERO)).evaluate(halfIncident, history)
                .negativeSpike();

        assertThat(wholeWindowOnly.anomalous()).as("20 of 40 against 0.25: z 3.7").isFalse();
        assertThat(wholeWindowOnly.elevated()).isTrue();
        assertThat(spike.anomalous()).isTrue();
        assertThat(spike.observed()).as("16 of the newest 20 posts").isCloseTo(0.8, within(1e-12));
        assertThat(spike.posts()).isEqualTo(20);
        assertThat(spike.statistic()).isCloseTo((16 - 5) / Math.sqrt(20 * 0.25 * 0.75), within(1e-9));
    }

    @Test
    void theNewestHourAloneNeverOpensWhileTheWindowIsNotElevatedNorWhenItHasTooFewPosts() {
        BaselineHistory history = BaselineHistory.empty();
        for (int n = 0; n < 24; n++) {
            history = detector.evaluate(slides(n, 40, 10, 10, 2 + n % 2), history).history();
        }
        BaselineHistory beforeBurst = detector.evaluate(slides(24, 40, 10, 5, 5), history).history();

        assertThat(detector.evaluate(slides(25, 40, 12, 5, 5), beforeBurst).negativeSpike().elevated())
                .as("12 of 40 is the usual share").isFalse();
        assertThat(detector.evaluate(slides(25, 40, 12, 5, 5), beforeBurst).negativeSpike().anomalous())
                .as("10 of 10 negative in the newest hour, but the window is not elevated").isFalse();
        assertThat(detector.evaluate(slides(25, 40, 18, 5, 5), beforeBurst).negativeSpike().anomalous())
                .as("elevated window, 10 of 10 in the newest hour: exactly recentMinPosts").isTrue();
        BaselineHistory fewer = detector.evaluate(slides(24, 40, 10, 4, 4), history).history();
        assertThat(detector.evaluate(slides(25, 40, 18, 5, 5), fewer).negativeSpike().anomalous())
                .as("9 posts in the newest hour").isFalse();
    }

    @Test
    void windowsOverlappingTheJudgedOneAreNotItsBaseline() {
        BaselineParams shortHistory = new BaselineParams(48, 3, 10, 20, 1.8, 4, 3, 1.3, 2, 0.05, 0.02, 30, 3, 4, 1.5, 2, 0.25, Duration.ofHours(1), 10);
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
    void aNegativeShareStillClearlyAboveItsBaselineIsElevatedButNotASpike() {
        // 16 of 40 against 0.25: ratio 1.6 (open needs 1.8), binomial z 6 / sqrt 7.5 = 2.19 (stay needs 2).
        Finding stillHigh = detector.evaluate(parkingInBengaluru(24, 40, 16), stableHistory(24)).negativeSpike();
        // 14 of 40: ratio 1.4, but z 1.46 is within this window's sampling noise.
        Finding withinNoise = detector.evaluate(parkingInBengaluru(24, 40, 14), stableHistory(24)).negativeSpike();

        assertThat(stillHigh.ratio()).isCloseTo(1.6, within(1e-12));
        assertThat(stillHigh.statistic()).isCloseTo(6 / Math.sqrt(7.5), within(1e-9));
        assertThat(stillHigh.anomalous()).isFalse();
        assertThat(stillHigh.elevated()).isTrue();
        assertThat(withinNoise.ratio()).isGreaterThan(BaselineParams.defaults().stayRatio());
        assertThat(withinNoise.elevated()).isFalse();
    }

    @Test
    void aNegativeSpikeStaysElevatedUpToItsStayThresholdsInclusive() {
        BaselineHistory history = stableHistory(24);
        Finding measured = detector.evaluate(parkingInBengaluru(24, 40, 16), history).negativeSpike();
        double ratio = measured.ratio();
        double z = measured.statistic();
        BaselineParams d = BaselineParams.defaults();

        assertThat(spikeElevated(withStay(ratio, z, d.surgeStayRatio(), d.surgeStayRobustZ()), history)).isTrue();
        assertThat(spikeElevated(withStay(Math.nextUp(ratio), z, d.surgeStayRatio(), d.surgeStayRobustZ()), history))
                .isFalse();
        assertThat(spikeElevated(withStay(ratio, Math.nextUp(z), d.surgeStayRatio(), d.surgeStayRobustZ()), history))
                .isFalse();
    }

    @Test
    void aVolumeStillWellAboveNormalIsElevatedButNotASurge() {
        Finding doubled = detector.evaluate(parkingInBengaluru(24, 80, 20), stableHistory(24)).volumeSurge();
        Finding slightlyUp = detector.evaluate(parkingInBengaluru(24, 55, 14), stableHistory(24)).volumeSurge();

        assertThat(doubled.ratio()).isCloseTo(2.0, within(1e-12));
        assertThat(doubled.statistic()).isBetween(BaselineParams.defaults().surgeStayRobustZ(),
                BaselineParams.defaults().surgeMinRobustZ());
        assertThat(doubled.anomalous()).isFalse();
        assertThat(doubled.elevated()).isTrue();
        assertThat(slightlyUp.ratio()).isLessThan(BaselineParams.defaults().surgeStayRatio());
        assertThat(slightlyUp.elevated()).isFalse();
    }

    @Test
    void aVolumeSurgeStaysElevatedUpToItsStayThresholdsInclusive() {
        BaselineHistory history = stableHistory(24);
        Finding measured = detector.evaluate(parkingInBengaluru(24, 80, 20), history).volumeSurge();
        double ratio = measured.ratio();
        double z = measured.statistic();
        BaselineParams d = BaselineParams.defaults();

        assertThat(surgeElevated(withStay(d.stayRatio(), d.stayBinomialZ(), ratio, z), history)).isTrue();
        assertThat(surgeElevated(withStay(d.stayRatio(), d.stayBinomialZ(), Math.nextUp(ratio), z), history)).isFalse();
        assertThat(surgeElevated(withStay(d.stayRatio(), d.stayBinomialZ(), ratio, Math.nextUp(z)), history)).isFalse();
    }

    @Test
    void cellsThatCannotBeJudgedAreNotElevated() {
        BaselineHistory quiet = BaselineHistory.empty();
        for (int n = 0; n < 24; n++) {
            quiet = quiet.append(parkingInBengaluru(n, 3, 1), 48);
        }

        Finding fewPosts = detector.evaluate(parkingInBengaluru(24, 8, 6), stableHistory(24)).negativeSpike();
        OwnBaselineDetector.Evaluation littleHistory =
                detector.evaluate(parkingInBengaluru(14, 200, 150), stableHistory(14));
        Finding handfulSurge = detector.evaluate(parkingInBengaluru(24, 25, 5), quiet).volumeSurge();

        assertThat(fewPosts.ratio()).isGreaterThan(BaselineParams.defaults().minRatio());
        assertThat(fewPosts.statistic()).isGreaterThan(BaselineParams.defaults().stayBinomialZ());
        assertThat(fewPosts.elevated()).isFalse();
        assertThat(littleHistory.findings()).noneMatch(Finding::elevated);
        assertThat(handfulSurge.ratio()).isGreaterThan(BaselineParams.defaults().surgeMinRatio());
        assertThat(handfulSurge.elevated()).isFalse();
    }

    @Test
    void stayThresholdsMustBeNoStricterThanTheOpenOnes() {
        BaselineParams d = BaselineParams.defaults();

        double stayRatio = d.stayRatio();
        double stayZ = d.stayBinomialZ();
        double surgeRatio = d.surgeStayRatio();
        double surgeZ = d.surgeStayRobustZ();

        assertThatThrownBy(() -> withStay(stayRatio, d.minBinomialZ() + 1, surgeRatio, surgeZ))
                .hasMessageContaining("lower stayBinomialZ or raise minBinomialZ");
        assertThatThrownBy(() -> withStay(d.minRatio() + 0.1, stayZ, surgeRatio, surgeZ))
                .hasMessageContaining("lower stayRatio or raise minRatio");
        assertThatThrownBy(() -> withStay(stayRatio, stayZ, 0.5, surgeZ))
                .hasMessageContaining("surgeStayRatio must be >= 1");
        assertThatThrownBy(() -> withStay(stayRatio, stayZ, surgeRatio, d.surgeMinRobustZ() + 1))
                .hasMessageContaining("lower surgeStayRobustZ or raise surgeMinRobustZ");
        assertThat(withStay(d.minRatio(), d.minBinomialZ(), d.surgeMinRatio(), d.surgeMinRobustZ()))
                .as("stay thresholds equal to the open ones: no hysteresis, but allowed").isNotNull();
    }

    @Test
    void historyRoundTripsThroughJson() {
        BaselineHistory history = stableHistory(5);

        assertThat(Json.read(Json.write(history), BaselineHistory.class)).isEqualTo(history);
    }

    @Test
    void paramsNameTheParameterAndTheFix() {
        assertThatThrownBy(() -> new BaselineParams(48, 60, 10, 20, 1.8, 4, 3, 1.3, 2, 0.05, 0.02, 30, 3, 4, 1.5, 2, 0.25, Duration.ofHours(1), 10))
                .hasMessageContaining("minHistory").hasMessageContaining("raise historySize");
    }

    /** Window {@code n} of parking in Bengaluru whose newest slide has {@code slidePosts}, {@code slideNegative}. */
    private static TopicLocationStats slides(int n, long posts, long negative, long slidePosts, long slideNegative) {
        return parkingInBengaluru(n, posts, negative).withLastSlide(slidePosts, slideNegative);
    }

    private static BaselineParams withRecentSpan(Duration recentSpan) {
        BaselineParams d = BaselineParams.defaults();
        return new BaselineParams(d.historySize(), d.minHistory(), d.minHistoryPosts(), d.minPosts(), d.minRatio(),
                d.minRobustZ(), d.minBinomialZ(), d.stayRatio(), d.stayBinomialZ(), d.minShareSpread(),
                d.minBaselineShare(), d.surgeMinPosts(), d.surgeMinRatio(), d.surgeMinRobustZ(), d.surgeStayRatio(),
                d.surgeStayRobustZ(), d.minLogSpread(), recentSpan, d.recentMinPosts());
    }

    /** The default thresholds with these stay thresholds. */
    private static BaselineParams withStay(double stayRatio, double stayBinomialZ, double surgeStayRatio,
                                           double surgeStayRobustZ) {
        BaselineParams d = BaselineParams.defaults();
        return new BaselineParams(d.historySize(), d.minHistory(), d.minHistoryPosts(), d.minPosts(), d.minRatio(),
                d.minRobustZ(), d.minBinomialZ(), stayRatio, stayBinomialZ, d.minShareSpread(), d.minBaselineShare(),
                d.surgeMinPosts(), d.surgeMinRatio(), d.surgeMinRobustZ(), surgeStayRatio, surgeStayRobustZ,
                d.minLogSpread(), d.recentSpan(), d.recentMinPosts());
    }

    private static boolean spikeElevated(BaselineParams params, BaselineHistory history) {
        return new OwnBaselineDetector(params).evaluate(parkingInBengaluru(24, 40, 16), history).negativeSpike()
                .elevated();
    }

    private static boolean surgeElevated(BaselineParams params, BaselineHistory history) {
        return new OwnBaselineDetector(params).evaluate(parkingInBengaluru(24, 80, 20), history).volumeSurge()
                .elevated();
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
