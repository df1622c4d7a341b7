package dev.earshot.detect;

import static dev.earshot.detect.DetectFixtures.BENGALURU;
import static dev.earshot.detect.DetectFixtures.end;
import static dev.earshot.detect.DetectFixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.TopicLocationStats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final AlertKind PEER = AlertKind.PEER_OUTLIER;

    private final AlertLifecycle lifecycle = new AlertLifecycle(LifecycleParams.defaults());
    private LifecycleState state = LifecycleState.empty();

    @Test
    void anIncidentKeepsOneIdFromOpenThroughUpdateToResolution() {
        List<Alert> alerts = feed(
                finding(PEER, 10, true, 3, 7),
                finding(PEER, 11, true, 8, 11),
                finding(PEER, 12, false, 1.2, 1),
                finding(PEER, 13, false, 1.1, 0.5));

        assertThat(alerts).extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.RESOLVED);
        assertThat(alerts).extracting(Alert::id).containsOnly(alerts.get(0).id());
        assertThat(alerts).extracting(Alert::openedAt).containsOnly(end(10));
        assertThat(alerts).extracting(Alert::windowEnd).containsExactly(end(10), end(11), end(13));
        assertThat(alerts.get(1).severity()).isGreaterThan(alerts.get(0).severity());
        assertThat(alerts.get(2).severity()).as("a resolution keeps the incident's severity").isEqualTo(alerts.get(1).severity());
        assertThat(state.isDormant()).as("still cooling down").isFalse();
    }

    @Test
    void oneQuietWindowDoesNotResolve() {
        List<Alert> alerts = feed(
                finding(PEER, 10, true, 3, 7),
                finding(PEER, 11, false, 1.2, 1),
                finding(PEER, 12, true, 3, 7),
                finding(PEER, 13, false, 1.2, 1),
                finding(PEER, 14, true, 3, 7));

        assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.OPEN);
        assertThat(state.openAlert()).isNotNull();
    }

    @Test
    void aSeverityWobblingByOneDoesNotFloodUpdates() {
        assertThat(Severity.of(finding(PEER, 0, true, 5.7, 3))).isEqualTo(5);
        assertThat(Severity.of(finding(PEER, 0, true, 8, 3))).isEqualTo(6);
        assertThat(Severity.of(finding(PEER, 0, true, 2.83, 3))).isEqualTo(3);

        List<Alert> alerts = feed(
                finding(PEER, 10, true, 5.7, 3),
                finding(PEER, 11, true, 8, 3),
                finding(PEER, 12, true, 5.7, 3),
                finding(PEER, 13, true, 8, 3),
                finding(PEER, 14, true, 5.7, 3),
                finding(PEER, 15, true, 2.83, 3));

        assertThat(alerts).extracting(Alert::status, Alert::severity).containsExactly(
                Tuple.tuple(AlertStatus.OPEN, 5),
                Tuple.tuple(AlertStatus.UPDATED, 6),
                Tuple.tuple(AlertStatus.UPDATED, 3));
    }

    @Test
    void afterAResolutionTheCellCoolsDownThenOpensANewIncidentWithANewId() {
        List<Alert> alerts = feed(
                finding(PEER, 10, true, 3, 7),
                finding(PEER, 11, false, 1, 0),
                finding(PEER, 12, false, 1, 0),
                finding(PEER, 13, true, 3, 7),
                finding(PEER, 14, true, 3, 7),
                finding(PEER, 15, true, 3, 7));

        assertThat(alerts).extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED, AlertStatus.OPEN);
        assertThat(alerts.get(2).openedAt()).isEqualTo(end(15));
        assertThat(alerts.get(2).id()).isNotEqualTo(alerts.get(0).id());
    }

    @Test
    void aValueHoveringBetweenTheStayAndOpenThresholdsKeepsOneIncidentWithOneId() {
        // The demo's Bengaluru parking incident: opens at 06:00 (window 108), the lower bound dips under 1.5 for two
        // windows but the city stays clearly worse than its peers, then the bound recovers and the incident ends.
        List<Alert> alerts = feed(
                finding(PEER, 108, true, true, 3.13, 1.60, 5.5),
                finding(PEER, 109, false, true, 2.68, 1.38, 4.6),
                finding(PEER, 110, false, true, 2.9, 1.45, 4.9));
        assertThat(state.openAlert()).as("still open after two windows under the open threshold").isNotNull();
        assertThat(state.quietStreak()).isZero();

        alerts.addAll(feed(
                finding(PEER, 111, true, true, 3.29, 1.67, 5.9),
                finding(PEER, 112, false, false, 1.1, 0.6, 0.4),
                finding(PEER, 113, false, false, 0.9, 0.5, -0.3)));

        assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts).extracting(Alert::id).containsOnly(alerts.get(0).id());
        assertThat(alerts).extracting(Alert::openedAt).containsOnly(end(108));
        assertThat(alerts.get(1).windowEnd()).isEqualTo(end(113));
    }

    @Test
    void anIncidentResolvesOnlyAfterResolveAfterConsecutiveWindowsThatAreNotEvenElevated() {
        List<Alert> alerts = feed(
                finding(PEER, 10, true, 3, 7),
                finding(PEER, 11, false, 1.1, 0.5),
                finding(PEER, 12, false, true, 2.8, 1.4, 5),
                finding(PEER, 13, false, 1.1, 0.5));
        assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.OPEN);
        assertThat(state.quietStreak()).as("the elevated window restarted the count").isEqualTo(1);

        Optional<Alert> resolved = feed(finding(PEER, 14, false, 1.0, 0)).stream().findFirst();

        assertThat(resolved).get().extracting(Alert::status, Alert::id, Alert::windowEnd)
                .containsExactly(AlertStatus.RESOLVED, alerts.get(0).id(), end(14));
    }

    @Test
    void anElevatedWindowReportsAClearFallInSeverityWhileStayingOpen() {
        List<Alert> alerts = feed(
                finding(PEER, 10, true, 3, 8),
                finding(PEER, 11, false, true, 1.6, 1.1, 3));

        assertThat(alerts).extracting(Alert::status, Alert::severity).containsExactly(
                Tuple.tuple(AlertStatus.OPEN, 6),
                Tuple.tuple(AlertStatus.UPDATED, 1));
        assertThat(state.openAlert()).isEqualTo(alerts.get(1));
    }

    @Test
    void elevatedWindowsAloneNeverOpenAnIncidentNorCountTowardsPersistence() {
        assertThat(feed(
                finding(PEER, 10, false, true, 2.5, 1.2, 4),
                finding(PEER, 11, false, true, 2.5, 1.2, 4))).isEmpty();
        assertThat(state.isDormant()).isTrue();

        AlertLifecycle patient = new AlertLifecycle(new LifecycleParams(2, 2, 2, 2));
        LifecycleState pending = patient.onFinding(LifecycleState.empty(), finding(PEER, 10, true, 3, 7)).state();
        LifecycleState interrupted = patient.onFinding(pending, finding(PEER, 11, false, true, 2.5, 1.2, 4)).state();

        assertThat(pending.anomalousStreak()).isEqualTo(1);
        assertThat(interrupted.anomalousStreak()).isZero();
        assertThat(patient.onFinding(interrupted, finding(PEER, 12, true, 3, 7)).alert()).isEmpty();
    }

    @Test
    void theDemoIncidentJudgedByThePeerDetectorStaysOneIncident() {
        PeerOutlierDetector detector = new PeerOutlierDetector(PeerParams.defaults());
        long[][] bengaluruPostsAndNegative = {{35, 22}, {35, 20}, {30, 18}, {30, 20}, {30, 5}, {30, 6}};
        double[][] demoRatioAndLower = {{3.03, 1.65}, {2.64, 1.40}, {2.71, 1.42}, {3.17, 1.72}};
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < bengaluruPostsAndNegative.length; i++) {
            List<TopicLocationStats> cells = parkingWithPeers(108 + i, bengaluruPostsAndNegative[i]);
            findings.add(detector.evaluate(cells).stream()
                    .filter(f -> f.locationId().equals(BENGALURU)).findFirst().orElseThrow());
        }
        for (int i = 0; i < demoRatioAndLower.length; i++) {
            assertThat(findings.get(i).ratio()).isCloseTo(demoRatioAndLower[i][0], within(0.01));
            assertThat(findings.get(i).ratioLower()).isCloseTo(demoRatioAndLower[i][1], within(0.01));
        }
        assertThat(findings).extracting(Finding::anomalous).containsExactly(true, false, false, true, false, false);
        assertThat(findings).extracting(Finding::elevated).containsExactly(true, true, true, true, false, false);

        List<Alert> alerts = feed(findings.toArray(Finding[]::new));

        assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts).extracting(Alert::id).containsOnly(alerts.get(0).id());
        assertThat(alerts.get(1).windowEnd()).isEqualTo(end(113));
    }

    @Test
    void idsAreAStableHashOfTheCellAndTheOpeningWindow() throws Exception {
        List<Alert> first = feed(finding(PEER, 10, true, 3, 7));
        state = LifecycleState.empty();
        List<Alert> replay = feed(finding(PEER, 10, true, 3, 7));
        state = LifecycleState.empty();
        List<Alert> otherKind = feed(finding(AlertKind.NEGATIVE_SPIKE, 10, true, 3, 7));

        String key = "PEER_OUTLIER|parking|" + BENGALURU + "|2026-03-02T05:00:00Z";
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 20);
        assertThat(first.get(0).id()).isEqualTo(expected).isEqualTo(replay.get(0).id());
        assertThat(otherKind.get(0).id()).isNotEqualTo(expected).hasSize(20);
    }

    @Test
    void persistenceWaitsForConsecutiveAnomalousWindows() {
        AlertLifecycle patient = new AlertLifecycle(new LifecycleParams(2, 2, 2, 2));
        List<Alert> alerts = new ArrayList<>();
        for (Finding f : List.of(finding(PEER, 10, true, 3, 7), finding(PEER, 11, false, 1, 0),
                finding(PEER, 12, true, 3, 7), finding(PEER, 13, true, 3, 7))) {
            AlertLifecycle.Step step = patient.onFinding(state, f);
            state = step.state();
            step.alert().ifPresent(alerts::add);
        }

        assertThat(alerts).extracting(Alert::status, Alert::openedAt)
                .containsExactly(Tuple.tuple(AlertStatus.OPEN, end(13)));
    }

    @Test
    void windowsWithoutPostsResolveAnOpenIncident() {
        feed(finding(PEER, 10, true, 3, 7));

        assertThat(empty(11)).isEmpty();
        Optional<Alert> resolved = empty(12);

        assertThat(resolved).get().extracting(Alert::status, Alert::posts, Alert::windowEnd)
                .containsExactly(AlertStatus.RESOLVED, 0L, end(12));
        assertThat(resolved.get().summary()).isEqualTo("Resolved: Parking posts in Bengaluru stopped (no posts in the latest window)");
    }

    @Test
    void anEmptyWindowOfACellNeverSeenDoesNothing() {
        assertThat(empty(3)).isEmpty();
        assertThat(state).isEqualTo(LifecycleState.empty());
        assertThat(state.isDormant()).isTrue();
    }

    @Test
    void aReplayedOrLateWindowChangesNothing() {
        feed(finding(PEER, 10, true, 3, 7), finding(PEER, 11, false, 1, 0));
        LifecycleState before = state;

        assertThat(feed(finding(PEER, 11, false, 1, 0), finding(PEER, 9, false, 1, 0))).isEmpty();
        assertThat(state).isEqualTo(before);
    }

    @Test
    void rejectsAFindingOfAnotherCell() {
        feed(finding(PEER, 10, true, 3, 7));

        assertThatThrownBy(() -> lifecycle.onFinding(state, finding(AlertKind.VOLUME_SURGE, 11, true, 3, 7)))
                .hasMessageContaining("one cell");
    }

    @Test
    void stateRoundTripsThroughJson() {
        feed(finding(PEER, 10, true, 3, 7), finding(PEER, 11, false, 1, 0));

        LifecycleState copy = Json.read(Json.write(state), LifecycleState.class);

        assertThat(copy).isEqualTo(state);
        assertThat(Json.write(state)).doesNotContain("dormant");
        assertThat(Json.read(Json.write(LifecycleState.empty()), LifecycleState.class)).isEqualTo(LifecycleState.empty());
    }

    private List<Alert> feed(Finding... findings) {
        List<Alert> alerts = new ArrayList<>();
        for (Finding f : findings) {
            AlertLifecycle.Step step = lifecycle.onFinding(state, f);
            state = step.state();
            step.alert().ifPresent(alerts::add);
        }
        return alerts;
    }

    /** Bengaluru's parking against nine peer cities of 25 posts: 41 negative in all, a share of 18 %. */
    private static List<TopicLocationStats> parkingWithPeers(int n, long[] bengaluruPostsAndNegative) {
        List<TopicLocationStats> cells = new ArrayList<>(List.of(
                DetectFixtures.parkingInBengaluru(n, bengaluruPostsAndNegative[0], bengaluruPostsAndNegative[1])));
        for (int peer = 1; peer <= 9; peer++) {
            cells.add(DetectFixtures.stats("parking", "geonames:peer" + peer, "Peer " + peer, n, 25, peer <= 5 ? 5 : 4));
        }
        return cells;
    }

    private Optional<Alert> empty(int n) {
        AlertLifecycle.Step step = lifecycle.onEmptyWindow(state, end(n).minus(DetectFixtures.SIZE), end(n));
        state = step.state();
        return step.alert();
    }
}
