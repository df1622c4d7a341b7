package dev.earshot.respond.alerts;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert versions in the order a channel must hear them: an incident's announcement before its updates and its
 * resolution. Dead letters come in the order they failed, which for two channels may put one channel's resolution
 * before the other's announcement; sent in that order, a channel would hear the resolution first.
 */
public final class IncidentOrder {

    /** Oldest first: by the window a version describes, then OPEN, UPDATED, RESOLVED within one window. */
    private static final Comparator<Alert> VERSIONS = Comparator.comparing(Alert::windowEnd, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Alert::status);

    private IncidentOrder() {
    }

    /**
     * Whether a version of {@code status} whose window ended at {@code windowEnd} (null when unknown, then the status
     * alone decides) comes after {@code version} of the same incident, as {@link #of} orders them.
     */
    public static boolean isLater(AlertStatus status, Instant windowEnd, Alert version) {
        int byWindow = windowEnd == null || version.windowEnd() == null ? 0 : windowEnd.compareTo(version.windowEnd());
        return byWindow != 0 ? byWindow > 0 : status.compareTo(version.status()) > 0;
    }

    /** The distinct versions, by incident in the order each incident first appears, each incident's oldest first. */
    public static List<Alert> of(Collection<Alert> versions) {
        Map<String, List<Alert>> byIncident = new LinkedHashMap<>();
        versions.stream().distinct().forEach(alert -> byIncident.computeIfAbsent(alert.id(), id -> new ArrayList<>()).add(alert));
        List<Alert> ordered = new ArrayList<>();
        for (List<Alert> incident : byIncident.values()) {
            incident.sort(VERSIONS);
            ordered.addAll(incident);
        }
        return ordered;
    }
}
