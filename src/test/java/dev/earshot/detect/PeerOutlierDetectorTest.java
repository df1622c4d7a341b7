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
        // 31/41 against 90/360. Worked out independently: prior mean 121/401, strength 9.0961 (moments), shrunk
        // share 33.745/50.096, Katz se 0.13419 on the shrunk counts, 10 tests, one discovery: bounds at z(0.999).
        assertThat(bengaluru.observed()).isCloseTo(31.0 / 41, within(1e-12));
        assertThat(bengaluru.expected()).isCloseTo(0.25, within(1e-12));
        assertThat(bengaluru.ratio()).isCloseTo(2.6944, within(1e-4));
        assertThat(bengaluru.ratioLower()).isCloseTo(1.7798, within(1e-4));
        assertThat(bengaluru.ratioUpper()).isCloseTo(4.0790, within(1e-4));
        assertThat(bengaluru.statistic()).isCloseTo(7.3866, within(1e-4));
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

        assertThat(bengaluru.ratio()).isGreaterThan(4);
        assertThat(bengaluru.ratioLower()).isGreaterThan(PeerParams.defaults().minLowerRatio());
        assertThat(bengaluru.anomalous()).isFalse();
    }

    @Test
    void aHighRatioWhoseIntervalReachesBelowTheBarIsNotFlagged() {
        // 25 posts, 15 negative against 20 %: 3x raw, 2.27x shrunk, significant, but 25 posts cannot rule out 1.5x.
        Finding bengaluru = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 25, 15), 20, 4)));

        assertThat(bengaluru.ratio()).isCloseTo(2.2690, within(1e-4));
        assertThat(bengaluru.ratioLower()).isCloseTo(1.1344, within(1e-4)).isGreaterThan(1).isLessThan(1.5);
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
        // Haldane on the shrunk counts: (20 + 1.05978 x 20/310 + 0.5) / (40 + 1.05978 + 1) over 0.5 / 271
        assertThat(bengaluru.ratio()).isCloseTo(265.0527, within(1e-4));
        assertThat(bengaluru.ratioLower()).isGreaterThan(1.5).isFinite();
        assertThat(bengaluru.anomalous()).isTrue();
    }

    @Test
    void aLoneCityHasNothingToBeComparedWith() {
        Finding only = detector.evaluate(List.of(parking(BENGALURU, "Bengaluru", 41, 31))).get(0);

        assertThat(only.anomalous()).isFalse();
        assertThat(only.ratio()).isEqualTo(1);
        assertThat(only.ratioLower()).isZero();
        assertThat(only.ratioUpper()).isNull();
    }

    @Test
    void aCityStillClearlyWorseThanItsPeersIsElevatedButNotAnomalous() {
        // 14 of 21 against 90 of 360: 2.67x raw, but 21 posts are shrunk (20 posts of prior) to 1.90x, bound 1.06.
        Finding bengaluru = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 21, 14), 40, 10)));

        assertThat(bengaluru.ratio()).isCloseTo(1.8985, within(1e-4));
        assertThat(bengaluru.ratioLower()).isCloseTo(1.0620, within(1e-4));
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
        // 20 posts, 8 negative: 1.6x raw, 1.3x shrunk, and the interval reaches below 1.
        Finding notSignificant = findingFor(BENGALURU,
                detector.evaluate(withOtherCities(parking(BENGALURU, "Bengaluru", 20, 8), 40, 10)));

        assertThat(backInLine.ratio()).isLessThan(PeerParams.defaults().stayRatio());
        assertThat(backInLine.elevated()).isFalse();
        assertThat(notSignificant.observed() / notSignificant.expected()).isGreaterThan(PeerParams.defaults().stayRatio());
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
        assertThatThrownBy(() -> new PeerParams(20, 50, 3, 2.0, 1.5, 2.5, 1.0, 0.01, 20))
                .hasMessageContaining("stayRatio").hasMessageContaining("lower stayRatio or raise minRatio");
        assertThatThrownBy(() -> new PeerParams(20, 50, 3, 2.0, 1.5, 1.5, 1.6, 0.01, 20))
                .hasMessageContaining("lower stayLowerRatio or raise minLowerRatio");
        assertThatThrownBy(() -> new PeerParams(20, 50, 3, 2.0, 1.5, 1.5, 0.9, 0.01, 20))
                .hasMessageContaining("stayLowerRatio").hasMessageContaining("less negative");
        assertThat(new PeerParams(20, 50, 3, 2.0, 1.5, 2.0, 1.5, 0.01, 20).stayRatio())
                .as("stay thresholds equal to the open ones: no hysteresis, but allowed").isEqualTo(2.0);
    }

    @Test
    void theFdrAndThePriorCapAreValidated() {
        assertThatThrownBy(() -> new PeerParams(20, 50, 3, 2.0, 1.5, 1.5, 1.0, 0, 20))
                .hasMessageContaining("q must be in (0, 1)").hasMessageContaining("e.g. 0.01");
        assertThatThrownBy(() -> new PeerParams(20, 50, 3, 2.0, 1.5, 1.5, 1.0, 0.01, 0))
                .hasMessageContaining("maxPriorPosts must be >= 1");
    }

    @Test
    void aTinyAllNegativeCellDoesNotOutrankABigClearlyNegativeOne() {
        // Judged at any size here, so that only the statistics rank them: 3 of 3 against 60 of 80, among 8 cities
        // at 25 %. Unshrunk, 3 of 3 is a 100 % share with no binomial variance at all.
        PeerParams anySize = new PeerParams(1, 50, 3, 2.0, 1.5, 1.5, 1.0, 0.01, 20);
        List<TopicLocationStats> cells = new ArrayList<>(List.of(
                parking(BENGALURU, "Bengaluru", 80, 60), parking("geonames:99", "Mysuru", 3, 3)));
        for (int i = 0; i < 8; i++) {
            cells.add(parking("geonames:" + (i + 1), OTHER_CITIES.get(i), 40, 10));
        }
        List<Finding> findings = new PeerOutlierDetector(anySize).evaluate(cells);
        Finding big = findingFor(BENGALURU, findings);
        Finding tiny = findingFor("geonames:99", findings);

        assertThat(big.statistic()).isCloseTo(9.0334, within(1e-4)).isGreaterThan(tiny.statistic());
        assertThat(tiny.statistic()).isCloseTo(1.9096, within(1e-4));
        assertThat(big.ratioLower()).isGreaterThan(tiny.ratioLower());
        assertThat(tiny.ratioLower()).isLessThan(1);
        assertThat(findings).filteredOn(Finding::anomalous).extracting(Finding::locationId).containsExactly(BENGALURU);
    }

    @Test
    void theFalseDiscoveryRateCountsEveryTopicOfTheWindow() {
        // 21 of 40 against 25 %: p = 0.00043. Alone with its topic's 10 tests it is under q/10 = 0.001; among the 90
        // tests of nine topics it must be under q/90 = 0.00011, and is not. The ratio bars are lowered to 1 so that
        // only the false-discovery control decides.
        PeerParams fdrOnly = new PeerParams(20, 50, 3, 1.0, 1.0, 1.0, 1.0, 0.01, 20);
        List<TopicLocationStats> alone = withOtherCities(parking(BENGALURU, "Bengaluru", 40, 21), 40, 10);
        List<TopicLocationStats> crowded = new ArrayList<>(alone);
        for (String topic : List.of("traffic", "roads", "water", "power", "noise", "waste", "safety", "transit")) {
            crowded.add(stats(topic, BENGALURU, "Bengaluru", WINDOW, 40, 10));
            for (int i = 0; i < OTHER_CITIES.size(); i++) {
                crowded.add(stats(topic, "geonames:" + (i + 1), OTHER_CITIES.get(i), WINDOW, 40, 10));
            }
        }
        PeerOutlierDetector detector = new PeerOutlierDetector(fdrOnly);
        Finding inItsTopic = findingFor(BENGALURU, detector.evaluate(alone));
        List<Finding> all = detector.evaluate(crowded);
        Finding inTheWindow = all.stream()
                .filter(f -> f.topic().equals("parking") && f.locationId().equals(BENGALURU)).findFirst().orElseThrow();

        assertThat(all).hasSize(90);
        assertThat(inItsTopic.statistic()).isEqualTo(inTheWindow.statistic());
        assertThat(inItsTopic.anomalous()).isTrue();
        assertThat(inTheWindow.anomalous()).isFalse();
        // The interval widens with the tests too: level 1 - q/10 alone, 1 - q/90 among all (no discovery).
        assertThat(inItsTopic.ratioLower()).isCloseTo(1.0426, within(1e-4));
        assertThat(inTheWindow.ratioLower()).isCloseTo(0.9405, within(1e-4));
    }

    @Test
    void rejectsCellsOfDifferentWindowsOrATopicCityTwice() {
        List<TopicLocationStats> mixed = List.of(
                parking(BENGALURU, "Bengaluru", 41, 31),
                stats("parking", "geonames:1", "Mumbai", WINDOW + 1, 40, 10));
        List<TopicLocationStats> twice = List.of(
                parking(BENGALURU, "Bengaluru", 41, 31), parking(BENGALURU, "Bengaluru", 42, 31));

        assertThatThrownBy(() -> detector.evaluate(mixed)).hasMessageContaining("one window");
        assertThatThrownBy(() -> detector.evaluate(twice)).hasMessageContaining("appears twice");
    }

    /** Whether Bengaluru is elevated with these stay thresholds (open ones raised to fit where needed). */
    private static boolean elevatedWith(List<TopicLocationStats> cells, double stayRatio, double stayLowerRatio) {
        PeerParams d = PeerParams.defaults();
        PeerParams params = new PeerParams(d.minPosts(), d.minPeerPosts(), d.minPeers(),
                Math.max(d.minRatio(), stayRatio), Math.max(d.minLowerRatio(), stayLowerRatio), stayRatio,
                stayLowerRatio, d.q(), d.maxPriorPosts());
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
