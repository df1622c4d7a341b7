package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.detect.Finding;
import dev.earshot.detect.LifecycleParams;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LifecycleOperatorTest {

    static final Duration SIZE = Duration.ofHours(2);
    static final Duration SLIDE = Duration.ofMinutes(30);
    static final Instant T0 = Instant.parse("2026-03-04T06:00:00Z");
    static final Duration FINDING_DELAY = Duration.ofMinutes(15);

    private KeyedOneInputStreamOperatorTestHarness<String, Finding, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new LifecycleOperator(LifecycleParams.defaults(), SIZE, SLIDE, FINDING_DELAY), EarshotPipeline::incidentKey,
                BasicTypeInfo.STRING_TYPE_INFO);
    }

    static Finding peerFinding(Instant windowEnd, boolean anomalous) {
        return new Finding(AlertKind.PEER_OUTLIER, "parking", "geonames:1277333", "Bengaluru", windowEnd.minus(SIZE),
                windowEnd, anomalous, anomalous, anomalous ? 0.75 : 0.25, 0.25, anomalous ? 3.0 : 1.0,
                anomalous ? 2.0 : 0.7, anomalous ? 5.5 : 0.1, 40, List.of("twitter:1"));
    }

    private void finding(Instant windowEnd, boolean anomalous) throws Exception {
        long timestamp = windowEnd.toEpochMilli() - 1;
        harness.processElement(peerFinding(windowEnd, anomalous), timestamp);
        harness.processWatermark(timestamp);
    }

    /** The timestamp the peer test gives a window's findings: it judges the window once its allowed lateness is over. */
    private static long peerTimestamp(Instant windowEnd) {
        return windowEnd.toEpochMilli() - 1 + FINDING_DELAY.toMillis();
    }

    // The peer test is keyed by window end, so consecutive windows come from different parallel subtasks and may
    // arrive in either order; only the watermark says when both are in.
    @Test
    void anIncidentOpensAtItsFirstAnomalousWindowWhenTheNextWindowsFindingOvertakesIt() throws Exception {
        Instant next = T0.plus(SLIDE);
        harness.processElement(peerFinding(next, true), peerTimestamp(next));
        harness.processElement(peerFinding(T0, true), peerTimestamp(T0));
        harness.processWatermark(peerTimestamp(next));

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.OPEN);
        assertThat(alerts.get(0).windowEnd()).isEqualTo(T0);
        assertThat(alerts.get(0).openedAt()).isEqualTo(T0);
    }

    @Test
    void anIncidentResolvesAtItsSecondQuietWindowWhenThatWindowsFindingOvertakesTheFirst() throws Exception {
        harness.processElement(peerFinding(T0, true), peerTimestamp(T0));
        harness.processWatermark(peerTimestamp(T0));
        Instant firstQuiet = T0.plus(SLIDE);
        Instant secondQuiet = T0.plus(SLIDE.multipliedBy(2));
        harness.processElement(peerFinding(secondQuiet, false), peerTimestamp(secondQuiet));
        harness.processElement(peerFinding(firstQuiet, false), peerTimestamp(firstQuiet));
        harness.processWatermark(peerTimestamp(secondQuiet.plus(SLIDE)));

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).windowEnd()).isEqualTo(secondQuiet);
        assertThat(alerts.get(1).posts()).isEqualTo(40); // the window's own finding, not an empty window's
    }

    @Test
    void anIncidentWhoseCellFallsSilentIsResolvedAndItsStateCleared() throws Exception {
        finding(T0, true);

        harness.processWatermark(T0.plus(SLIDE.multipliedBy(8)).toEpochMilli());

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts).extracting(Alert::id).containsOnly(alerts.get(0).id());
        assertThat(alerts.get(1).windowEnd()).isEqualTo(T0.plus(SLIDE.multipliedBy(2)));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aFindingThatComesWithinTheFindingDelayIsNotMistakenForASilentWindow() throws Exception {
        finding(T0, true);
        // The peer test judges a window only after its allowed lateness: its findings come after the window ends.
        for (int slide = 1; slide <= 3; slide++) {
            Instant windowEnd = T0.plus(SLIDE.multipliedBy(slide));
            harness.processWatermark(windowEnd.plus(Duration.ofMinutes(10)).toEpochMilli());
            harness.processElement(peerFinding(windowEnd, true), windowEnd.toEpochMilli() - 1);
        }

        assertThat(harness.extractOutputValues()).extracting(Alert::status).containsExactly(AlertStatus.OPEN);
    }

    @Test
    void quietFindingsKeepNoStateAtAll() throws Exception {
        finding(T0, false);
        finding(T0.plus(SLIDE), false);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theEndOfABoundedInputIsNoEvidenceThatAnIncidentEnded() throws Exception {
        finding(T0, true);

        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).extracting(Alert::status).containsExactly(AlertStatus.OPEN);
    }

    @Test
    void aFindingInTheNextWindowKeepsTheIncidentOpen() throws Exception {
        finding(T0, true);
        finding(T0.plus(SLIDE), true);
        finding(T0.plus(SLIDE.multipliedBy(2)), true);

        assertThat(harness.extractOutputValues()).extracting(Alert::status).doesNotContain(AlertStatus.RESOLVED);
    }
}
