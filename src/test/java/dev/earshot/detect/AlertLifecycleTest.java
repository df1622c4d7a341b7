package dev.earshot.detect;

import static dev.earshot.detect.DetectFixtures.BENGALURU;
import static dev.earshot.detect.DetectFixtures.end;
import static dev.earshot.detect.DetectFixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
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
                org.assertj.core.groups.Tuple.tuple(AlertStatus.OPEN, 5),
                org.assertj.core.groups.Tuple.tuple(AlertStatus.UPDATED, 6),
                org.assertj.core.groups.Tuple.tuple(AlertStatus.UPDATED, 3));
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
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertStatus.OPEN, end(13)));
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

    private Optional<Alert> empty(int n) {
        AlertLifecycle.Step step = lifecycle.onEmptyWindow(state, end(n).minus(DetectFixtures.SIZE), end(n));
        state = step.state();
        return step.alert();
    }
}
