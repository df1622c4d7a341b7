package dev.earshot.respond.alerts;

/** A message's place in its incident's thread on one channel. */
public enum MessageKind {
    /** The incident's first message on this channel. */
    FIRST,
    /** A change of severity, following up on the first message. */
    UPDATE,
    /** The incident is over; the thread's last message. */
    RESOLUTION,
    /**
     * The incident's only message: it is over, and none of its messages before reached the channel, so this one says
     * it opened and is resolved ({@link UnheardIncidents}).
     */
    OPENED_AND_RESOLVED;

    /** Whether the message follows up on the thread's first message (a reply, on a slack-api channel). */
    public boolean followsUp() {
        return this == UPDATE || this == RESOLUTION;
    }

    /** Whether the message ends its incident's thread. */
    public boolean endsThread() {
        return this == RESOLUTION || this == OPENED_AND_RESOLVED;
    }
}
