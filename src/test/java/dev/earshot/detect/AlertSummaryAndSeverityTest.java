package dev.earshot.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.json.Json;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertSummaryAndSeverityTest {

    private static final Instant T0 = DetectFixtures.T0;
    private static final Instant T1 = T0.plus(DetectFixtures.SIZE);

    @Test
    void describesAPeerOutlier() {
        Finding f = new Finding(AlertKind.PEER_OUTLIER, "parking", "geonames:1277333", "Bengaluru", T0, T1, true, true,
                0.756, 0.24, 3.14, 2.2, 6.7, 41, List.of());

        assertThat(AlertSummary.of(f, AlertStatus.OPEN)).isEqualTo(
                "Parking posts in Bengaluru are 3.1x more negative than in other cities (76% vs 24% negative, 41 posts, lower bound 2.2x)");
        assertThat(AlertSummary.of(f, AlertStatus.RESOLVED)).startsWith("Resolved: Parking posts in Bengaluru are back in line");
    }

    @Test
    void aPeerOutlierWithAnIntervalGivesBothBounds() {
        Finding f = new Finding(AlertKind.PEER_OUTLIER, "parking", "geonames:1277333", "Bengaluru", T0, T1, true, true,
                0.756, 0.24, 2.97, 1.84, 4.8, 5.3, 37, List.of());

        assertThat(AlertSummary.of(f, AlertStatus.OPEN)).isEqualTo("Parking posts in Bengaluru are 3.0x more negative"
                + " than in other cities (76% vs 24% negative, 37 posts, lower bound 1.8x, upper bound 4.8x)");
    }

    @Test
    void describesASpikeAgainstTheCellsOwnBaseline() {
        Finding f = new Finding(AlertKind.NEGATIVE_SPIKE, "parking", "geonames:1277333", "Bengaluru", T0, T1, true, true,
                0.75, 0.26, 2.88, 2.88, 7.1, 40, List.of());

        assertThat(AlertSummary.of(f, AlertStatus.UPDATED)).isEqualTo(
                "Parking posts in Bengaluru are 2.9x more negative than their own baseline (75% vs 26% negative, 40 posts)");
    }

    @Test
    void describesAVolumeSurgeWithAReadableTopicName() {
        Finding f = new Finding(AlertKind.VOLUME_SURGE, "public_transport", "geonames:1275339", "Mumbai", T0, T1, true, true,
                412, 79, 412.0 / 79, 412.0 / 79, 6.2, 412, List.of());

        assertThat(AlertSummary.of(f, AlertStatus.OPEN)).isEqualTo(
                "Public transport posts in Mumbai surged 5.2x above normal volume (412 posts vs 79)");
    }

    @Test
    void severityGrowsWithSizeAndConfidenceWithinOneToTen() {
        assertThat(Severity.of(finding(3.0, 8))).isEqualTo(6);
        assertThat(Severity.of(finding(1.8, 3))).isEqualTo(2);
        assertThat(Severity.of(finding(0.5, 0))).isEqualTo(1);
        assertThat(Severity.of(finding(100, 50))).isEqualTo(10);
        assertThat(Severity.of(finding(3.0, 11))).isGreaterThan(Severity.of(finding(3.0, 5)));
    }

    @Test
    void findingRoundTripsThroughJson() {
        Finding f = finding(3.0, 7.6);
        Finding elevatedOnly = new Finding(AlertKind.PEER_OUTLIER, "parking", "geonames:1277333", "Bengaluru", T0, T1,
                false, true, 0.67, 0.25, 2.68, 1.38, 5.2, 30, List.of("twitter:2"));

        Finding withInterval = new Finding(AlertKind.PEER_OUTLIER, "parking", "geonames:1277333", "Bengaluru", T0, T1,
                true, true, 0.756, 0.24, 2.97, 1.84, 4.8, 5.3, 37, List.of("twitter:3"));

        assertThat(Json.read(Json.write(f), Finding.class)).isEqualTo(f);
        assertThat(Json.write(f)).doesNotContain("ratioUpper");
        assertThat(Json.read(Json.write(withInterval), Finding.class)).isEqualTo(withInterval)
                .extracting(Finding::ratioUpper).isEqualTo(4.8);
        assertThat(Json.read(Json.write(elevatedOnly), Finding.class)).isEqualTo(elevatedOnly)
                .extracting(Finding::anomalous, Finding::elevated).containsExactly(false, true);
    }

    @Test
    void anAnomalousFindingIsAlwaysElevatedEvenWhenWrittenBeforeTheField() {
        Finding claimedNotElevated = new Finding(AlertKind.PEER_OUTLIER, "parking", "geonames:1277333", "Bengaluru",
                T0, T1, true, false, 0.75, 0.25, 3, 2, 7, 41, List.of());
        String withoutElevated = Json.write(claimedNotElevated).replace("\"elevated\":true,", "");

        assertThat(claimedNotElevated.elevated()).isTrue();
        assertThat(withoutElevated).doesNotContain("elevated").contains("\"anomalous\":true");
        assertThat(Json.read(withoutElevated, Finding.class).elevated()).isTrue();
    }

    private static Finding finding(double ratio, double z) {
        return new Finding(AlertKind.PEER_OUTLIER, "parking", "geonames:1277333", "Bengaluru", T0, T1, true, true,
                0.25 * ratio, 0.25, ratio, ratio, z, 41, List.of("twitter:1"));
    }
}
