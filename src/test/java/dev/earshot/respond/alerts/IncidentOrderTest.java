package dev.earshot.respond.alerts;

import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static dev.earshot.respond.alerts.AlertFixtures.parkingLater;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentOrderTest {

    @Test
    void eachIncidentsAnnouncementGoesBeforeItsFollowUpsWhateverOrderTheirDeadLettersCameIn() {
        Alert aOpen = parkingLater("a", OPEN, 0);
        Alert aUpdated = parkingLater("a", UPDATED, 1);
        Alert aResolved = parkingLater("a", RESOLVED, 2);
        Alert bOpen = parkingLater("b", OPEN, 1);
        // channel 1 took a's announcement but not its resolution; channel 2 failed on all of a later
        List<Alert> deadLetters = List.of(aResolved, bOpen, aOpen, aUpdated, aResolved);

        assertThat(IncidentOrder.of(deadLetters)).containsExactly(aOpen, aUpdated, aResolved, bOpen);
    }

    @Test
    void withinOneWindowTheStatusOrdersThem() {
        Alert open = parkingLater("a", OPEN, 0);
        Alert resolved = parkingLater("a", RESOLVED, 0);

        assertThat(IncidentOrder.of(List.of(resolved, open))).containsExactly(open, resolved);
    }
}
