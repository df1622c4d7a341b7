package dev.earshot.respond.alerts;

import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static dev.earshot.respond.alerts.AlertFixtures.WINDOW_END;
import static dev.earshot.respond.alerts.AlertFixtures.parkingLater;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Alert;
import org.junit.jupiter.api.Test;

/** Which dead-lettered versions a later delivery supersedes. */
class DeliveredVersionsTest {

    @Test
    void aDeliveredResolutionSupersedesEveryEarlierVersionOfItsIncidentOnItsChannelOnly() {
        DeliveredVersions delivered = new DeliveredVersions();
        delivered.add("ops", "a", RESOLVED, WINDOW_END.plusSeconds(3600));

        assertThat(delivered.supersede(parkingLater("a", OPEN, 0), "ops")).isTrue();
        assertThat(delivered.supersede(parkingLater("a", UPDATED, 1), "ops")).isTrue();
        assertThat(delivered.supersede(parkingLater("a", RESOLVED, 2), "ops")).as("itself").isFalse();
        assertThat(delivered.supersede(parkingLater("a", OPEN, 0), "pager")).as("another channel").isFalse();
        assertThat(delivered.supersede(parkingLater("b", OPEN, 0), "ops")).as("another incident").isFalse();
    }

    @Test
    void aDeliveredUpdateSupersedesTheAnnouncementAndOlderUpdatesButNotNewerOnes() {
        DeliveredVersions delivered = new DeliveredVersions();
        delivered.add("ops", "a", UPDATED, WINDOW_END.plusSeconds(1800));

        assertThat(delivered.supersede(parkingLater("a", OPEN, 0), "ops")).isTrue();
        assertThat(delivered.supersede(parkingLater("a", UPDATED, 0), "ops")).isTrue();
        assertThat(delivered.supersede(parkingLater("a", UPDATED, 2), "ops")).isFalse();
        assertThat(delivered.supersede(parkingLater("a", RESOLVED, 2), "ops")).isFalse();
    }

    @Test
    void withoutTheWindowALedgerWrittenBeforeItWasKeptStillOrdersByStatus() {
        DeliveredVersions delivered = new DeliveredVersions();
        delivered.add("ops", "a", UPDATED, null);

        assertThat(delivered.supersede(parkingLater("a", OPEN, 0), "ops")).isTrue();
        assertThat(delivered.supersede(parkingLater("a", UPDATED, 0), "ops")).as("which update is not known: it is sent").isFalse();
    }
}
