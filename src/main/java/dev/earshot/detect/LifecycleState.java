package dev.earshot.detect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import java.time.Instant;

/**
 * What {@link AlertLifecycle} remembers of one (kind, topic, location) cell. Immutable: each step returns the next.
 *
 * @param kind the cell's key, null until the first finding
 * @param lastWindowEnd the latest window seen; older or repeated windows are ignored
 * @param anomalousStreak consecutive anomalous windows while no incident is open (towards persistence)
 * @param quietStreak consecutive windows that are not even elevated while an incident is open (towards resolution)
 * @param cooldownLeft windows to wait after a resolution before a new incident may open
 * @param openAlert the last alert sent for the open incident, or null when none is open
 */
public record LifecycleState(
        AlertKind kind,
        String topic,
        String locationId,
        String locationName,
        Instant lastWindowEnd,
        int anomalousStreak,
        int quietStreak,
        int cooldownLeft,
        Alert openAlert) {

    public static LifecycleState empty() {
        return new LifecycleState(null, null, null, null, null, 0, 0, 0, null);
    }

    /** Nothing open, pending or cooling down: the caller may drop this state, an empty one behaves the same. */
    @JsonIgnore
    public boolean isDormant() {
        return openAlert == null && anomalousStreak == 0 && cooldownLeft == 0;
    }
}
