package dev.earshot.respond.alerts;

/**
 * Where a message stands in its incident's thread.
 *
 * @param previousSeverity the severity the channel last heard for this incident; null for the first message (and the only one)
 */
public record ThreadPosition(MessageKind kind, Integer previousSeverity) {

    public static final ThreadPosition FIRST = new ThreadPosition(MessageKind.FIRST, null);
    public static final ThreadPosition OPENED_AND_RESOLVED = new ThreadPosition(MessageKind.OPENED_AND_RESOLVED, null);
}
