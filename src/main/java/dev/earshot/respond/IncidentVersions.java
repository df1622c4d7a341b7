package dev.earshot.respond;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The versions of one incident's alert that the ticket step has received, each with the event time from which the
 * job knew it (the alert's timestamp). A post is linked to the incidents as they stood at its own event time: the
 * alerts reach the ticket step no later than the event time they carry, but may come earlier than the posts of that
 * time, so the version received last can be from the post's future (an incident already resolved). Deciding on the
 * version known at the post's time gives the same links whichever stream runs ahead.
 *
 * @param versions oldest first; versions known at the same time in the order they arrived
 */
public record IncidentVersions(List<Version> versions) {

    /** One version of the alert and the event time from which it holds. */
    public record Version(Alert alert, Instant knownAt) {
    }

    public IncidentVersions {
        versions = List.copyOf(versions);
    }

    public static IncidentVersions of(Alert alert, Instant knownAt) {
        return new IncidentVersions(List.of(new Version(alert, knownAt)));
    }

    /**
     * An incident as an earlier release saved it, its latest alert only, which linked a post from the incident's
     * {@code openedAt} on and, once resolved, up to its {@code windowEnd}: so it does here. The alert is known, as
     * far as any post can tell, always; a resolved one is an open copy of it until its window end.
     */
    public static IncidentVersions savedByEarlierRelease(Alert latest) {
        if (latest.status() != AlertStatus.RESOLVED) {
            return of(latest, Instant.EPOCH);
        }
        return of(latest.withStatus(AlertStatus.OPEN), Instant.EPOCH).with(latest, latest.windowEnd());
    }

    /** With {@code alert} added as known from {@code knownAt}. */
    public IncidentVersions with(Alert alert, Instant knownAt) {
        List<Version> added = new ArrayList<>(versions);
        int at = added.size();
        while (at > 0 && added.get(at - 1).knownAt().isAfter(knownAt)) {
            at--;
        }
        added.add(at, new Version(alert, knownAt));
        return new IncidentVersions(added);
    }

    /** The version in force at {@code time}, if the incident was known by then. */
    public Optional<Alert> asOf(Instant time) {
        Alert current = null;
        for (Version version : versions) {
            if (version.knownAt().isAfter(time)) {
                break;
            }
            current = version.alert();
        }
        return Optional.ofNullable(current);
    }

    /**
     * Without the versions that no post from {@code eventTime} on can see: those replaced by a later version known by
     * then. A late post, behind it, then sees the incident as it stood at that time.
     */
    public IncidentVersions since(Instant eventTime) {
        int first = 0;
        for (int i = 1; i < versions.size() && !versions.get(i).knownAt().isAfter(eventTime); i++) {
            first = i;
        }
        return new IncidentVersions(versions.subList(first, versions.size()));
    }

    /** The latest version received. */
    public Alert latest() {
        return versions.get(versions.size() - 1).alert();
    }

    /** The incidents open at {@code time} as known then, by alert id: opened by then and not yet resolved. */
    public static List<Alert> openAt(Collection<IncidentVersions> incidents, Instant time) {
        List<Alert> open = new ArrayList<>();
        for (IncidentVersions incident : incidents) {
            incident.asOf(time)
                    .filter(alert -> alert.status() != AlertStatus.RESOLVED && !alert.openedAt().isAfter(time))
                    .ifPresent(open::add);
        }
        open.sort(Comparator.comparing(Alert::id));
        return open;
    }
}
