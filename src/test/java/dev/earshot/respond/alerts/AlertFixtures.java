package dev.earshot.respond.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import java.time.Instant;
import java.util.List;

/** The demo's parking incident in Bengaluru, as the lifecycle emits it. */
public final class AlertFixtures {

    public static final String BENGALURU = "geonames:1277333";
    public static final Instant WINDOW_END = Instant.parse("2026-03-04T06:00:00Z");

    private AlertFixtures() {
    }

    public static Alert parking(String id, AlertStatus status, int severity) {
        return alert(id, status, "parking", BENGALURU, "Bengaluru", severity);
    }

    /** The incident's version of the window that ends {@code windows} half-hours after {@link #WINDOW_END}. */
    public static Alert parkingLater(String id, AlertStatus status, int windows) {
        ObjectNode alert = Json.mapper().valueToTree(parking(id, status, 5));
        alert.put("windowEnd", WINDOW_END.plusSeconds(1800L * windows).toString());
        return Json.mapper().convertValue(alert, Alert.class);
    }

    public static Alert alert(String id, AlertStatus status, String topic, String locationId, String locationName, int severity) {
        return new Alert(id, AlertKind.PEER_OUTLIER, status, topic, locationId, locationName,
                WINDOW_END.minusSeconds(7200), WINDOW_END, WINDOW_END, 0.7567567567567568, 0.24210526315789474,
                3.1257344300822565, 1.5973119584749125, 5.45425288845004, 37, severity,
                List.of("bluesky:3mg7fwhwx52h3", "bluesky:3mg7h7frqllf5", "twitter:2029062712181878314",
                        "twitter:2029061836816327489", "bluesky:3mg7m4bd2a7um"),
                "Parking posts in Bengaluru are 3.1x more negative than in other cities (76% vs 24% negative, 37 posts, lower bound 1.6x)");
    }
}
