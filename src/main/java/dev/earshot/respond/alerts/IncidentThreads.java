package dev.earshot.respond.alerts;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One channel's incident threads: which versions of an incident are worth a message, so that an incident is one
 * thread and not a flood. An incident starts its thread once a version reaches the channel's minSeverity; an
 * UPDATED version is posted only when its severity changed and the quiet period has room; RESOLVED always
 * closes a thread that was started. Not thread-safe: one sink writer owns it.
 */
public final class IncidentThreads {

    /** A thread that hears nothing for this long is forgotten, so that state stays bounded. */
    static final Duration FORGET_AFTER = Duration.ofDays(7);

    /** Whether an alert version is posted, and where it stands in its thread. */
    public sealed interface Decision {
        record Post(ThreadPosition position) implements Decision {
        }

        record Skip(String reason) implements Decision {
        }

        /**
         * Worth a message at {@code position}, but the quiet period has no room for it: counted, so that a run can
         * say so.
         */
        record HoldBack(String reason, ThreadPosition position) implements Decision {
        }
    }

    /**
     * A thread as a sink checkpoints it, so that a restarted job continues its incidents' threads.
     *
     * @param postedAt when its messages were handed to delivery, oldest first (the quiet period counts them)
     */
    public record OpenThread(String incidentId, int lastSeverity, List<Instant> postedAt, Instant lastHeard) {
    }

    private static final class IncidentThread {
        int lastSeverity;
        final Deque<Instant> postedAt = new ArrayDeque<>();
        Instant lastHeard;
    }

    private final AlertChannel channel;
    private final Map<String, IncidentThread> threads = new HashMap<>();

    public IncidentThreads(AlertChannel channel) {
        this.channel = channel;
    }

    /** What to do with this version; no message is counted until {@link #posted} is called. */
    public Decision decide(Alert alert, Instant now) {
        IncidentThread thread = threads.get(alert.id());
        if (thread != null) {
            thread.lastHeard = now;
        }
        if (thread == null) {
            return switch (alert.status()) {
                case RESOLVED -> new Decision.Skip("the incident was never announced on this channel");
                case OPEN, UPDATED -> alert.severity() < channel.minSeverity()
                        ? new Decision.Skip("severity " + alert.severity() + " is below the channel's minSeverity " + channel.minSeverity())
                        : new Decision.Post(ThreadPosition.FIRST);
            };
        }
        return switch (alert.status()) {
            case OPEN -> new Decision.Skip("the incident was already announced");
            case RESOLVED -> new Decision.Post(new ThreadPosition(MessageKind.RESOLUTION, thread.lastSeverity));
            case UPDATED -> {
                if (alert.severity() == thread.lastSeverity) {
                    yield new Decision.Skip("severity unchanged at " + alert.severity());
                }
                if (postedWithin(thread, now) >= channel.maxPerIncident()) {
                    yield new Decision.HoldBack("quiet period: " + channel.maxPerIncident() + " messages on this incident within "
                            + channel.quietPeriod().toMinutes() + " min", new ThreadPosition(MessageKind.UPDATE, thread.lastSeverity));
                }
                yield new Decision.Post(new ThreadPosition(MessageKind.UPDATE, thread.lastSeverity));
            }
        };
    }

    /**
     * Records that a version decided as {@link Decision.Post} was worth its message: handed to delivery, or a dead
     * letter (refused by the rate limit, or failed). Either way it counts for the thread, so an announcement that
     * failed is still followed by its incident's updates and resolution (the first of which announces the incident in
     * its place: {@link UnheardIncidents}).
     */
    public void posted(Alert alert, Instant now) {
        forgetIdle(now);
        if (alert.status() == AlertStatus.RESOLVED) {
            threads.remove(alert.id());
            return;
        }
        IncidentThread thread = threads.computeIfAbsent(alert.id(), id -> new IncidentThread());
        thread.lastSeverity = alert.severity();
        thread.postedAt.addLast(now);
        thread.lastHeard = now;
    }

    /** Every open thread, for a checkpoint. */
    public List<OpenThread> snapshot() {
        return threads.entrySet().stream().map(entry -> new OpenThread(entry.getKey(), entry.getValue().lastSeverity,
                List.copyOf(entry.getValue().postedAt), entry.getValue().lastHeard)).toList();
    }

    /** Continues the threads of a checkpoint. */
    public void restore(Collection<OpenThread> open) {
        for (OpenThread state : open) {
            IncidentThread thread = new IncidentThread();
            thread.lastSeverity = state.lastSeverity();
            thread.postedAt.addAll(state.postedAt());
            thread.lastHeard = state.lastHeard();
            threads.put(state.incidentId(), thread);
        }
    }

    /** Incidents with an open thread on this channel. */
    public int openThreads() {
        return threads.size();
    }

    private int postedWithin(IncidentThread thread, Instant now) {
        Instant since = now.minus(channel.quietPeriod());
        while (!thread.postedAt.isEmpty() && !thread.postedAt.peekFirst().isAfter(since)) {
            thread.postedAt.removeFirst();
        }
        return thread.postedAt.size();
    }

    private void forgetIdle(Instant now) {
        Instant before = now.minus(FORGET_AFTER);
        threads.values().removeIf(thread -> thread.lastHeard.isBefore(before));
    }
}
