package dev.earshot.flink;

import dev.earshot.model.AlertKind;

/** Names of the job's accumulators: the run summary and the progress line read them. */
public final class Counters {

    public static final String RECORDS_READ = "records-read";
    public static final String POSTS_VALID = "posts-valid";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String POSTS_EDITED = "posts-edited";
    public static final String POSTS_DELETED = "posts-deleted";
    public static final String RECORDS_SKIPPED = "records-skipped";
    public static final String DUPLICATES = "duplicates";
    public static final String POSTS_ENRICHED = "posts-enriched";
    public static final String WINDOW_STATS = "window-stats";
    public static final String LATE_POSTS = "late-posts";
    public static final String TICKETS_OPENED = "tickets-opened";
    public static final String TICKET_UPDATES = "ticket-updates";
    public static final String TICKETS_CLOSED = "tickets-closed";

    private Counters() {
    }

    /** Incidents opened, per kind. */
    public static String alertsOpened(AlertKind kind) {
        return "alerts-opened-" + kind.name();
    }
}
