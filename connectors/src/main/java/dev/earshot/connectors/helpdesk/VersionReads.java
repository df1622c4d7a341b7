package dev.earshot.connectors.helpdesk;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What one ticket version has read of its helpdesk tickets (their comments, or description and notes), so that its
 * steps share one reading: a version that removes one post and shows another's edit lists the ticket once, not once
 * per step, since helpdesks rate-limit per account (Zendesk per minute). A step that changes what was read (a
 * redaction, a rewrite) updates the value it was given, or forgets it when it cannot tell the helpdesk's new text.
 * The steps of one version run one after another, so they never change a value at the same time.
 *
 * @param <T> what is read of one helpdesk ticket
 */
final class VersionReads<T> {

    private final Map<String, CompletableFuture<T>> byTicket = new ConcurrentHashMap<>();

    /** What this version read of {@code ticketId}, reading it with {@code read} the first time. */
    CompletableFuture<T> of(String ticketId, Function<String, CompletableFuture<T>> read) {
        return byTicket.computeIfAbsent(ticketId, read);
    }

    /** Applies {@code change} to what was read of {@code ticketId}, if it was. */
    void change(String ticketId, Consumer<T> change) {
        CompletableFuture<T> read = byTicket.get(ticketId);
        if (read != null) {
            read.thenAccept(change);
        }
    }

    /** The next {@link #of} reads {@code ticketId} again. */
    void forget(String ticketId) {
        byTicket.remove(ticketId);
    }
}
