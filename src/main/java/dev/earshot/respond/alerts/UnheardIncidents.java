package dev.earshot.respond.alerts;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The incident threads none of whose messages has reached their channel: the announcement failed (refused by the
 * rate limit, or a dead letter after its retries), and so did anything sent in its place. The incident's next version
 * the channel is to hear becomes its announcement: an update is sent as the thread's first message, with its own
 * severity and text, and a resolution as one message saying the incident opened and is resolved. So the channel
 * converges on the incident's latest state live, while what failed waits in the dead letters. A thread is known by a
 * key the caller chooses (channel and incident).
 *
 * <p>Thread-safe: messages settle on delivery threads while the task thread takes a checkpoint.
 */
public final class UnheardIncidents {

    /** The highest severity of each unheard thread's versions that failed, by thread. */
    private final Map<String, Integer> threads = new ConcurrentHashMap<>();

    /**
     * Where a version routed to {@code routed} in {@code thread} stands, now that the messages before it in the thread
     * are settled; empty when it is not worth a message: a first-and-final resolution of an incident whose highest
     * severity is below the channel's {@code minSeverity} (which only a changed configuration makes possible, as the
     * thread was started by a version at or above it).
     */
    public Optional<ThreadPosition> positionOf(String thread, Alert alert, ThreadPosition routed, int minSeverity) {
        Integer highest = threads.get(thread);
        if (highest == null || routed.kind() == MessageKind.FIRST) {
            return Optional.of(routed);
        }
        if (alert.status() != AlertStatus.RESOLVED) {
            return Optional.of(ThreadPosition.FIRST);
        }
        return Math.max(highest, alert.severity()) >= minSeverity ? Optional.of(ThreadPosition.OPENED_AND_RESOLVED) : Optional.empty();
    }

    /**
     * Records how a message of {@code thread} ended: {@code delivered} or not, as the position {@link #positionOf}
     * gave it. A resolution ends the thread either way.
     */
    public void settled(String thread, Alert alert, ThreadPosition position, boolean delivered) {
        if (alert.status() == AlertStatus.RESOLVED || (position.kind() == MessageKind.FIRST && delivered)) {
            threads.remove(thread);
        } else if (position.kind() == MessageKind.FIRST) {
            threads.merge(thread, alert.severity(), Math::max);
        }
    }

    /** The unheard threads among {@code open} (those the router still keeps), for a checkpoint. */
    public Map<String, Integer> snapshot(Set<String> open) {
        threads.keySet().retainAll(open);
        return Map.copyOf(threads);
    }

    /** Continues a checkpoint's unheard threads. */
    public void restore(Map<String, Integer> unheard) {
        threads.putAll(unheard);
    }
}
