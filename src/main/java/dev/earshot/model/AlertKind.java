package dev.earshot.model;

public enum AlertKind {
    /** A place's negative share against its own recent baseline. */
    NEGATIVE_SPIKE,
    /** A place's negative share against its peers' for the same topic. */
    PEER_OUTLIER,
    /** A sudden rise in the number of posts. */
    VOLUME_SURGE
}
