package dev.earshot.respond.alerts;

import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static dev.earshot.respond.alerts.AlertFixtures.parking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Alert;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which message announces an incident whose announcement failed. */
class UnheardIncidentsTest {

    private static final ThreadPosition UPDATE_FROM_5 = new ThreadPosition(MessageKind.UPDATE, 5);
    private static final ThreadPosition RESOLUTION_FROM_7 = new ThreadPosition(MessageKind.RESOLUTION, 7);

    @Test
    void afterAFailedAnnouncementTheNextUpdateIsTheAnnouncementAndWhatFollowsADeliveredOneIsAFollowUp() {
        UnheardIncidents incidents = new UnheardIncidents();
        incidents.settled("ops|a", parking("a", OPEN, 5), ThreadPosition.FIRST, false);
        Alert update = parking("a", UPDATED, 7);

        assertThat(incidents.positionOf("ops|a", update, UPDATE_FROM_5, 5)).contains(ThreadPosition.FIRST);
        assertThat(incidents.positionOf("other|a", update, UPDATE_FROM_5, 5)).as("another channel heard of it").contains(UPDATE_FROM_5);
        incidents.settled("ops|a", update, ThreadPosition.FIRST, true);
        assertThat(incidents.positionOf("ops|a", parking("a", RESOLVED, 7), RESOLUTION_FROM_7, 5)).contains(RESOLUTION_FROM_7);
    }

    @Test
    void aResolutionOfAnIncidentNoneOfWhoseMessagesGotThroughIsItsOnlyMessageAndEndsTheThread() {
        UnheardIncidents incidents = new UnheardIncidents();
        incidents.settled("ops|a", parking("a", OPEN, 5), ThreadPosition.FIRST, false);
        Alert update = parking("a", UPDATED, 7);
        incidents.settled("ops|a", update, incidents.positionOf("ops|a", update, UPDATE_FROM_5, 5).orElseThrow(), false);
        Alert resolved = parking("a", RESOLVED, 2);

        assertThat(incidents.positionOf("ops|a", resolved, RESOLUTION_FROM_7, 5)).contains(ThreadPosition.OPENED_AND_RESOLVED);
        incidents.settled("ops|a", resolved, ThreadPosition.OPENED_AND_RESOLVED, false);
        assertThat(incidents.snapshot(Set.of("ops|a"))).as("the resolution ended the thread, delivered or not").isEmpty();
    }

    @Test
    void theChannelsMinSeverityAppliesToTheIncidentsHighestSeverity() {
        UnheardIncidents incidents = new UnheardIncidents();
        incidents.settled("ops|a", parking("a", OPEN, 5), ThreadPosition.FIRST, false);
        incidents.settled("ops|a", parking("a", UPDATED, 7), ThreadPosition.FIRST, false);
        incidents.settled("ops|a", parking("a", UPDATED, 4), ThreadPosition.FIRST, false);
        Alert resolved = parking("a", RESOLVED, 2);

        assertThat(incidents.positionOf("ops|a", resolved, RESOLUTION_FROM_7, 7)).as("it reached 7 on the way")
                .contains(ThreadPosition.OPENED_AND_RESOLVED);
        assertThat(incidents.positionOf("ops|a", resolved, RESOLUTION_FROM_7, 8)).as("minSeverity raised since").isEmpty();
    }

    @Test
    void aCheckpointKeepsOnlyTheThreadsStillOpenAndARestoreContinuesThem() {
        UnheardIncidents before = new UnheardIncidents();
        before.settled("ops|a", parking("a", OPEN, 6), ThreadPosition.FIRST, false);
        before.settled("ops|forgotten", parking("forgotten", OPEN, 5), ThreadPosition.FIRST, false);

        Map<String, Integer> checkpoint = before.snapshot(Set.of("ops|a", "ops|b"));
        assertThat(checkpoint).containsExactly(Map.entry("ops|a", 6));
        UnheardIncidents after = new UnheardIncidents();
        after.restore(checkpoint);
        assertThat(after.positionOf("ops|a", parking("a", UPDATED, 8), new ThreadPosition(MessageKind.UPDATE, 6), 5))
                .contains(ThreadPosition.FIRST);
    }
}
