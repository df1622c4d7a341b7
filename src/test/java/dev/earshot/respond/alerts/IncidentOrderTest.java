package dev.earshot.respond.alerts;

import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static dev.earshot.respond.alerts.AlertFixtures.WINDOW_END;
import static dev.earshot.respond.alerts.AlertFixtures.parking;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentOrderTest {

    @Test
    void eachIncidentsAnnouncementGoesBeforeItsFollowUpsWhateverOrderTheirDeadLettersCameIn() {
        Alert aOpen = version("a", OPEN, 0);
        Alert aUpdated = version("a", UPDATED, 1);
        Alert aResolved = version("a", RESOLVED, 2);
        Alert bOpen = version("b", OPEN, 1);
        // channel 1 took a's announcement but not its resolution; channel 2 failed on all of a later
        List<Alert> deadLetters = List.of(aResolved, bOpen, aOpen, aUpdated, aResolved);

        assertThat(IncidentOrder.of(deadLetters)).containsExactly(aOpen, aUpdated, aResolved, bOpen);
    }

    @Test
    void withinOneWindowTheStatusOrdersThem() {
        Alert open = version("a", OPEN, 0);
        Alert resolved = version("a", RESOLVED, 0);

        assertThat(IncidentOrder.of(List.of(resolved, open))).containsExactly(open, resolved);
    }

    /** The incident's version of the window that ends {@code windows} half-hours after the fixture's. */
    private static Alert version(String id, AlertStatus status, int windows) {
        ObjectNode alert = Json.mapper().valueToTree(parking(id, status, 5));
        alert.put("windowEnd", WINDOW_END.plusSeconds(1800L * windows).toString());
        return Json.mapper().convertValue(alert, Alert.class);
    }
}
