package dev.earshot.respond.alerts;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert versions delivered to each channel, by incident, as a delivery ledger records them. A dead-lettered
 * version is superseded on a channel that has since been delivered a later version of its incident: sent then, it
 * would take the channel back to an older state of the incident (an announcement after its resolution).
 */
public final class DeliveredVersions {

    private record Version(AlertStatus status, Instant windowEnd) {
    }

    private final Map<String, List<Version>> byChannelAndIncident = new HashMap<>();

    /** Records that {@code channel} was delivered a version of incident {@code incidentId}; {@code windowEnd} null when unknown. */
    public void add(String channel, String incidentId, AlertStatus status, Instant windowEnd) {
        byChannelAndIncident.computeIfAbsent(channel + '|' + incidentId, key -> new ArrayList<>()).add(new Version(status, windowEnd));
    }

    /** Whether {@code channel} was delivered a later version of {@code version}'s incident. */
    public boolean supersede(Alert version, String channel) {
        return byChannelAndIncident.getOrDefault(channel + '|' + version.id(), List.of()).stream()
                .anyMatch(delivered -> IncidentOrder.isLater(delivered.status(), delivered.windowEnd(), version));
    }
}
