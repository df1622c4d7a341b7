package dev.earshot.respond.alerts;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The incident threads whose announcement (the {@link MessageKind#FIRST} message) is a dead letter: the channel never
 * heard of the incident, so its follow-ups are dead letters behind it rather than updates or a resolution of an
 * incident the channel does not know (nor replies to a Slack thread that does not exist). {@code redeliver} then sends
 * the announcement and its follow-ups in order. A thread is known by a key the caller chooses (channel and incident).
 *
 * <p>Thread-safe: messages settle on delivery threads while the task thread takes a checkpoint.
 */
public final class UnannouncedIncidents {

    /** Why a follow-up is a dead letter: its announcement is one. */
    public static final String BEHIND_ANNOUNCEMENT = "its incident's announcement is in the dead letters";

    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    /** Why a message at {@code kind} in {@code thread} is not to be sent; empty when it may be. */
    public Optional<String> reasonNotToSend(String thread, MessageKind kind) {
        return kind != MessageKind.FIRST && threads.contains(thread) ? Optional.of(BEHIND_ANNOUNCEMENT) : Optional.empty();
    }

    /** Records how a message of {@code thread} ended, delivered or a dead letter. */
    public void settled(String thread, MessageKind kind, boolean delivered) {
        if (kind == MessageKind.RESOLUTION || (kind == MessageKind.FIRST && delivered)) {
            threads.remove(thread);
        } else if (kind == MessageKind.FIRST) {
            threads.add(thread);
        }
    }

    /** The unannounced threads among {@code open} (those the router still keeps), for a checkpoint. */
    public Set<String> snapshot(Set<String> open) {
        threads.retainAll(open);
        return Set.copyOf(threads);
    }

    /** Continues a checkpoint's unannounced threads. */
    public void restore(Collection<String> unannounced) {
        threads.addAll(unannounced);
    }
}
