package dev.earshot.respond.alerts;

/** A message's place in its incident's thread on one channel. */
public enum MessageKind {
    /** The incident's first message on this channel. */
    FIRST,
    /** A change of severity, following up on the first message. */
    UPDATE,
    /** The incident is over; the thread's last message. */
    RESOLUTION
}
