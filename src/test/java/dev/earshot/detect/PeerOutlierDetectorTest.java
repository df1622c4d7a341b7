package dev.earshot.detect;

import static dev.earshot.detect.DetectFixtures.BENGALURU;
import static dev.earshot.detect.DetectFixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.model.AlertKind;
import dev.earshot.model.TopicLocationStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerOutlierDetectorTest {

    private static final int WINDOW = 120;
    private static final List<String> OTHER_CITIES =
            List.of("Mumbai", "Delhi", "Chennai", "Hyderabad", "Kolkata", "Pune", "London", "New York City", "Singapore");

    private final PeerOutlierDetector detector = new PeerOutlierDetector(PeerParams.defaults());

    @Test
    void flagsExactlyTheCityThreeTimesMoreNegativeThanTheOthers() {
        List<Finding> findings = detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 41, 31), 40, 10));

        assertThat(findings).hasSize(10).allMatch(f -> f.kind() == AlertKind.PEER_OUTLIER);
        assertThat(findings).filteredOn(Finding::anomalous).extracting(Finding::locationId).containsExactly(BENGALURU);
        Finding bengaluru = findings.stream().filter(Finding::anomalous).findFirst().orElseThrow();
        // 31/41 against 90/360; Katz interval and two-proportion z worked out independently.
        assertThat(bengaluru.observed()).isCloseTo(31.0 / 41, within(1e-12));
        assertThat(bengaluru.expected()).isCloseTo(0.25, within(1e-12));
        assertThat(bengaluru.ratio()).isCloseTo(3.0244, within(1e-4));
        assertThat(bengaluru.ratioLower()).isCloseTo(1.9896, within(1e-4));
        assertThat(bengaluru.statistic()).isCloseTo(6.6893, within(1e-4));
        assertThat(bengaluru.posts()).isEqualTo(41);
        assertThat(bengaluru.evidencePostIds()).containsExactly(BENGALURU + ":post" + WINDOW);
    }

    @Test
    void aCityIsNotPartOfItsOwnPeerPool() {
        Finding bengaluru = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 41, 31), 40, 10)));

        // With itself in the pool the peers' share would be 121/401 = 0.30 and the ratio 2.5.
        assertThat(bengaluru.expected()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void aCityWithFewPostsIsNotFlaggedEvenAtAHighRatio() {
        Finding bengaluru = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 12, 12), 400, 40)));

        assertThat(bengaluru.ratio()).isGreaterThan(5);
        assertThat(bengaluru.ratioLower()).isGreaterThan(PeerParams.defaults().minLowerRatio());
        assertThat(bengaluru.anomalous()).isFalse();
    }

    @Test
    void aHighRatioWhoseIntervalReachesBelowTheBarIsNotFlagged() {
        // 25 posts, 15 negative against 20 %: ratio 3, but 25 posts cannot rule out 1.5x at 99.9 %.
        Finding bengaluru = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 25, 15), 20, 4)));

        assertThat(bengaluru.ratio()).isCloseTo(3.0, within(1e-12));
        assertThat(bengaluru.ratioLower()).isLessThan(1.5);
        assertThat(bengaluru.anomalous()).isFalse();
    }

    @Test
    void tooFewPeerCitiesAreNoPeerGroup() {
        List<TopicLocationStats> cells = List.of(
                parking(BENGALURU, "Bengaluru", 41, 31),
                parking("geonames:1", "Mumbai", 200, 50),
                parking("geonames:2", "Delhi", 200, 50));

        assertThat(detector.evaluate(cells)).noneMatch(Finding::anomalous);
    }

    @Test
    void peersWithoutAnyNegativePostGiveAFiniteCorrectedRatio() {
        Finding bengaluru = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 40, 20), 30, 0)));

        assertThat(bengaluru.expected()).isZero();
        // Haldane: (20.5 / 41) / (0.5 / 271)
        assertThat(bengaluru.ratio()).isCloseTo(271.0, within(1e-9));
        assertThat(bengaluru.ratioLower()).isGreaterThan(1.5).isFinite();
        assertThat(bengaluru.anomalous()).isTrue();
    }

    @Test
    void aLoneCityHasNothingToBeComparedWith() {
        Finding only = detector.evaluate(List.of(parking(BENGALURU, "Bengaluru", 41, 31))).get(0);

        assertThat(only.anomalous()).isFalse();
        assertThat(only.ratio()).isEqualTo(1);
        assertThat(only.ratioLower()).isZero();
    }

    @Test
    void aCityStillClearlyWorseThanItsPeersIsElevatedButNotAnomalous() {
        // 14 of 21 against 90 of 360: ratio 2.67, but with few posts the lower bound dips to 1.48, as in the demo.
        Finding bengaluru = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 21, 14), 40, 10)));

        assertThat(bengaluru.ratio()).isCloseTo(8.0 / 3, within(1e-12));
        assertThat(bengaluru.ratioLower()).isCloseTo(1.4784, within(1e-4));
        assertThat(bengaluru.anomalous()).isFalse();
        assertThat(bengaluru.elevated()).isTrue();
    }

    @Test
    void elevatedNeedsTheStayRatioAndTheStayLowerBoundInclusive() {
        List<TopicLocationStats> cells = withOtherCities(parking(BENGALURU, "Bengaluru", 49, 24), 40, 10);
        Finding measured = findingFor(BENGALURU, detector.evaluate(cells));
        double ratio = measured.ratio();
        double lower = measured.ratioLower();

        assertThat(elevatedWith(cells, ratio, lower)).isTrue();
        assertThat(elevatedWith(cells, Math.nextUp(ratio), lower)).isFalse();
        assertThat(elevatedWith(cells, ratio, Math.nextUp(lower))).isFalse();
    }

    @Test
    void aCityBackInLineOrNotSignificantlyWorseIsNotElevated() {
        Finding backInLine = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 40, 12), 40, 10)));
        // 20 posts, 8 negative: ratio 1.6, but the interval reaches below 1.
        Finding notSignificant = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 20, 8), 40, 10)));

        assertThat(backInLine.ratio()).isLessThan(PeerParams.defaults().stayRatio());
        assertThat(backInLine.elevated()).isFalse();
        assertThat(notSignificant.ratio()).isGreaterThan(PeerParams.defaults().stayRatio());
        assertThat(notSignificant.ratioLower()).isLessThan(1);
        assertThat(notSignificant.elevated()).isFalse();
    }

    @Test
    void aCellThatCannotBeJudgedIsNotElevated() {
        Finding fewPosts = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 12, 12), 400, 40)));
        List<TopicLocationStats> fewPeers = List.of(
                parking(BENGALURU, "Bengaluru", 41, 31),
                parking("geonames:1", "Mumbai", 200, 50),
                parking("geonames:2", "Delhi", 200, 50));

        assertThat(fewPosts.ratioLower()).isGreaterThan(PeerParams.defaults().minLowerRatio());
        assertThat(fewPosts.elevated()).isFalse();
        assertThat(detector.evaluate(fewPeers)).noneMatch(Finding::elevated);
        assertThat(detector.evaluate(List.of(parking(BENGALURU, "Bengaluru", 41, 31))).get(0).elevated()).isFalse();
    }

    @Test
    void stayThresholdsMustBeNoStricterThanTheOpenOnes() {
        assertThatThrownBy(() -> new PeerParams(20, 50, 3, 2.0, 1.5, 2.5, 1.0, 3.29))
                .hasMessageContaining("stayRatio").hasMessageContaining("lower stayRatio or raise minRatio");
        assertThatThrownBy(() -> new PeerParams(20, 50, 3, 2.0, 1.5, 1.5, 1.6, 3.29))
                .hasMessageContaining("lower stayLowerRatio or raise minLowerRatio");
        assertThatThrownBy(() -> new PeerParams(20, 50, 3, 2.0, 1.5, 1.5, 0.9, 3.29))
                .hasMessageContaining("stayLowerRatio").hasMessageContaining("less negative");
        assertThat(new PeerParams(20, 50, 3, 2.0, 1.5, 2.0, 1.5, 3.29).stayRatio())
                .as("stay thresholds equal to the open ones: no hysteresis, but allowed").isEqualTo(2.0);
    }

    @Test
    void rejectsCellsOfDifferentTopicsOrWindows() {
        List<TopicLocationStats> mixed = List.of(
                parking(BENGALURU, "Bengaluru", 41, 31),
                stats("traffic", "geonames:1", "Mumbai", WINDOW, 40, 10));

        assertThatThrownBy(() -> detector.evaluate(mixed)).hasMessageContaining("one topic and one window");
    }

    /** Whether Bengaluru is elevated with these stay thresholds (open ones raised to fit where needed). */
    private static boolean elevatedWith(List<TopicLocationStats> cells, double stayRatio, double stayLowerRatio) {
        PeerParams d = PeerParams.defaults();
        PeerParams params = new PeerParams(d.minPosts(), d.minPeerPosts(), d.minPeers(),
                Math.max(d.minRatio(), stayRatio), Math.max(d.minLowerRatio(), stayLowerRatio), stayRatio,
                stayLowerRatio, d.z());
        return findingFor(BENGALURU, new PeerOutlierDetector(params).evaluate(cells)).elevated();
    }

    private static Finding findingFor(String locationId, List<Finding> findings) {
        return findings.stream().filter(f -> f.locationId().equals(locationId)).findFirst().orElseThrow();
    }

    private static List<TopicLocationStats> withOtherCities(TopicLocationStats cell, long posts, long negative) {
        List<TopicLocationStats> cells = new ArrayList<>(List.of(cell));
        for (int i = 0; i < OTHER_CITIES.size(); i++) {
            cells.add(parking("geonames:" + (i + 1), OTHER_CITIES.get(i), posts, negative));
        }
        return cells;
    }

    private static TopicLocationStats parking(String locationId, String city, long posts, long negative) {
        return stats("parking", locationId, city, WINDOW, posts, negative);
    }
}
