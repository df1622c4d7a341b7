package dev.earshot.eval.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import dev.earshot.sample.SampleScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertScoreTest {

    private static final Duration SLIDE = Duration.ofMinutes(30);
    private static final Duration SIZE = Duration.ofHours(2);

    @Test
    void delaysCountSlidesFromTheIncidentStartAndUnmatchedOpensAreFalse() {
        // Parking in Bengaluru starts 2026-03-04T04:00Z; the metro opening 2026-03-03T05:00Z.
        List<Alert> alerts = List.of(
                alert(AlertKind.NEGATIVE_SPIKE, "parking", "Bengaluru", "2026-03-04T05:00:00Z", AlertStatus.OPEN),
                alert(AlertKind.NEGATIVE_SPIKE, "parking", "Bengaluru", "2026-03-04T06:00:00Z", AlertStatus.UPDATED),
                alert(AlertKind.PEER_OUTLIER, "parking", "Bengaluru", "2026-03-04T06:00:00Z", AlertStatus.OPEN),
                alert(AlertKind.VOLUME_SURGE, "public_transport", "Mumbai", "2026-03-03T06:00:00Z", AlertStatus.OPEN),
                // the right cell, but a day before the incident: false
                alert(AlertKind.NEGATIVE_SPIKE, "parking", "Bengaluru", "2026-03-03T05:00:00Z", AlertStatus.OPEN),
                alert(AlertKind.VOLUME_SURGE, "roads", "Delhi", "2026-03-02T12:00:00Z", AlertStatus.OPEN));

        AlertScore score = AlertScore.of(SampleScenario.INCIDENTS, alerts, SLIDE, Duration.ofDays(4));

        assertThat(score.delays()).extracting(AlertScore.Delay::kind, AlertScore.Delay::slides).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertKind.NEGATIVE_SPIKE, 2.0),
                org.assertj.core.groups.Tuple.tuple(AlertKind.PEER_OUTLIER, 4.0),
                org.assertj.core.groups.Tuple.tuple(AlertKind.VOLUME_SURGE, 2.0));
        assertThat(score.worstDelay()).isEqualTo(4.0);
        assertThat(score.falseAlerts()).hasSize(2);
        assertThat(score.falseAlertsPerWeek()).isEqualTo(3.5);
        assertThat(score.falseAlertsByCell()).containsOnlyKeys("parking x Bengaluru", "roads x Delhi");
        assertThat(score.worstCellFalseAlertsPerWeek()).isEqualTo(1.75);
    }

    @Test
    void aMissedIncidentHasNoDelay() {
        AlertScore score = AlertScore.of(List.of(SampleScenario.MUMBAI_METRO_OPENING), List.of(), SLIDE, Duration.ofDays(7));

        assertThat(score.delays()).singleElement().satisfies(d -> assertThat(d.slides()).isNull());
        assertThat(score.worstDelay()).isNull();
        assertThat(score.falseAlertsPerWeek()).isZero();
    }

    private static Alert alert(AlertKind kind, String topic, String city, String windowEnd, AlertStatus status) {
        Instant end = Instant.parse(windowEnd);
        return new Alert(kind + topic + end, kind, status, topic, "geonames:" + city, city, end.minus(SIZE), end, end,
                0.75, 0.25, 3, 3, 5, 30, 5, List.of(), "summary");
    }
}
