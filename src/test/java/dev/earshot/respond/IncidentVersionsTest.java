package dev.earshot.respond;

import static dev.earshot.respond.Fixtures.BENGALURU;
import static dev.earshot.respond.Fixtures.MUMBAI;
import static dev.earshot.respond.Fixtures.T0;
import static dev.earshot.respond.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentVersionsTest {

    static final Alert OPEN = alert("spike", "parking", BENGALURU, AlertStatus.OPEN);
    static final Alert UPDATED = alert("spike", "parking", BENGALURU, AlertStatus.UPDATED);
    static final Alert RESOLVED = alert("spike", "parking", BENGALURU, AlertStatus.RESOLVED);
    /** The fixture's incident opens at the end of its window, T0 + 2h. */
    static final Instant OPENED = OPEN.openedAt();

    @Test
    void aPostSeesTheVersionKnownAtItsTimeNotOneReceivedEarlierFromItsFuture() {
        IncidentVersions spike = IncidentVersions.of(OPEN, OPENED)
                .with(RESOLVED, OPENED.plus(Duration.ofHours(5)));

        assertThat(IncidentVersions.openAt(List.of(spike), OPENED.plus(Duration.ofHours(1)))).containsExactly(OPEN);
        assertThat(IncidentVersions.openAt(List.of(spike), OPENED.plus(Duration.ofHours(5)))).isEmpty();
        assertThat(IncidentVersions.openAt(List.of(spike), OPENED.minusMillis(1))).as("not raised yet").isEmpty();
    }

    @Test
    void anIncidentRaisedAfterItsWindowEndedIsOpenOnlyFromWhenItWasRaised() {
        IncidentVersions peer = IncidentVersions.of(OPEN, OPENED.plus(Duration.ofMinutes(15)));

        assertThat(IncidentVersions.openAt(List.of(peer), OPENED.plus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(IncidentVersions.openAt(List.of(peer), OPENED.plus(Duration.ofMinutes(15)))).containsExactly(OPEN);
    }

    @Test
    void versionsReceivedOutOfTheirTimeOrderAreKeptInItAndThoseKnownAtTheSameTimeInArrivalOrder() {
        IncidentVersions spike = IncidentVersions.of(RESOLVED, OPENED.plus(Duration.ofHours(3)))
                .with(OPEN, OPENED)
                .with(UPDATED, OPENED.plus(Duration.ofHours(1)))
                .with(OPEN, OPENED.plus(Duration.ofHours(1)));

        assertThat(spike.versions()).extracting(IncidentVersions.Version::alert)
                .containsExactly(OPEN, UPDATED, OPEN, RESOLVED);
        assertThat(spike.latest()).isEqualTo(RESOLVED);
    }

    @Test
    void sinceKeepsTheVersionInForceThenAndEveryLaterOne() {
        IncidentVersions spike = IncidentVersions.of(OPEN, OPENED)
                .with(UPDATED, OPENED.plus(Duration.ofHours(1)))
                .with(RESOLVED, OPENED.plus(Duration.ofHours(3)));

        assertThat(spike.since(OPENED.plus(Duration.ofHours(2))).versions()).extracting(IncidentVersions.Version::alert)
                .containsExactly(UPDATED, RESOLVED);
        assertThat(spike.since(OPENED.minusSeconds(1))).isEqualTo(spike);
        assertThat(spike.since(OPENED.plus(Duration.ofHours(4))).versions()).extracting(IncidentVersions.Version::alert)
                .containsExactly(RESOLVED);
    }

    /** An earlier release saved the latest alert only, and linked a post from its opening up to its window's end. */
    @Test
    void anIncidentAnEarlierReleaseSavedIsOpenFromItsOpeningUntilTheEndOfTheWindowThatResolvedIt() {
        Instant windowEnd = OPENED.plus(Duration.ofHours(5));
        Alert resolved = new Alert(RESOLVED.id(), RESOLVED.kind(), AlertStatus.RESOLVED, RESOLVED.topic(), RESOLVED.locationId(),
                RESOLVED.locationName(), windowEnd.minus(Duration.ofHours(2)), windowEnd, OPENED, 0.75, 0.25, 3.0, 2.1, 4.2, 80,
                7, List.of(), RESOLVED.summary());
        IncidentVersions saved = IncidentVersions.savedByEarlierRelease(resolved);

        assertThat(IncidentVersions.openAt(List.of(saved), OPENED.minusMillis(1))).as("not opened yet").isEmpty();
        assertThat(IncidentVersions.openAt(List.of(saved), OPENED)).singleElement()
                .isEqualTo(resolved.withStatus(AlertStatus.OPEN));
        assertThat(IncidentVersions.openAt(List.of(saved), windowEnd.minusMillis(1))).hasSize(1);
        assertThat(IncidentVersions.openAt(List.of(saved), windowEnd)).isEmpty();
        assertThat(saved.latest()).as("what the look-back expires it by").isEqualTo(resolved);
        assertThat(IncidentVersions.savedByEarlierRelease(OPEN)).isEqualTo(IncidentVersions.of(OPEN, Instant.EPOCH));
    }

    @Test
    void theOpenIncidentsComeInIdOrderAndRoundTripThroughJsonAsFlinkStateDoes() {
        Alert mumbai = alert("a-surge", "public_transport", MUMBAI, AlertStatus.OPEN);
        IncidentVersions spike = IncidentVersions.of(OPEN, OPENED).with(UPDATED, OPENED.plusSeconds(60));
        IncidentVersions surge = IncidentVersions.of(mumbai, OPENED);

        assertThat(IncidentVersions.openAt(List.of(spike, surge), T0.plus(Duration.ofHours(3))))
                .containsExactly(mumbai, UPDATED);
        assertThat(Json.read(Json.write(spike), IncidentVersions.class)).isEqualTo(spike);
    }
}
