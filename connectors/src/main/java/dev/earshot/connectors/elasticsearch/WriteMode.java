package dev.earshot.connectors.elasticsearch;

/** How a document is written under its {@code _id}. */
public enum WriteMode {
    /** Replaces the whole document: for values that never change once made (posts, window stats). */
    INDEX,
    /**
     * Merges the fields the value has into the stored document, creating it when absent ({@code doc_as_upsert}):
     * for values whose later versions update the same document (alerts, tickets). Partial documents rather than
     * scripts, so that it also runs on clusters without a scripting language.
     */
    UPSERT
}
