package dev.earshot.flink;

import dev.earshot.connectors.DeliveryAccumulators;
import dev.earshot.model.AlertKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Names of the job's accumulators: the run summary and the progress line read them. */
public final class Counters {

    public static final String RECORDS_READ = "records-read";
    public static final String POSTS_VALID = "posts-valid";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String POSTS_EDITED = "posts-edited";
    public static final String POSTS_DELETED = "posts-deleted";
    public static final String RECORDS_SKIPPED = "records-skipped";
    /**
     * Dead letters of the stages {@code read} and {@code parse}: records, or items of a record that holds several (an
     * X v2 response's {@code data} array, a Discourse page), that did not become a post, edit or deletion.
     */
    public static final String ITEMS_REJECTED = "items-rejected";
    /** Dead letters at stage {@code read}: input that could not be read as records (a damaged file, not UTF-8). */
    public static final String RECORDS_UNREADABLE = "records-unreadable";
    /**
     * Posts (not edits) whose id was passed already, processed once: a repeat, or a repost that brings a newer
     * version, which is passed on as an edit and counted in {@link #EDITS_APPLIED} too.
     */
    public static final String DUPLICATES = "duplicates";
    /** Edits not newer than the version of their post already passed (redelivered, or overtaken by a later one): dropped. */
    public static final String STALE_EDITS = "stale-edits";
    /** Posts left out because their language is not in {@code enrich.languages}. */
    public static final String POSTS_OUTSIDE_LANGUAGES = "posts-outside-languages";
    /**
     * Edits passed on to replace the stored version of their post: newer versions past deduplication (also a repost
     * that brought one), within {@code enrich.languages} and enriched.
     */
    public static final String EDITS_APPLIED = "edits-applied";
    /** Deletions passed on (the first of each post id) to remove the post wherever it is kept. */
    public static final String DELETIONS_APPLIED = "deletions-applied";
    /**
     * Of {@link #DELETIONS_APPLIED}, those of a post not seen (within {@code stream.dedupTtl}): nothing this run
     * holds changes, but they are passed on for what earlier runs stored (Elasticsearch, Kafka).
     */
    public static final String DELETIONS_OF_UNSEEN_POSTS = "deletions-of-unseen-posts";
    /** Posts (not edits) that arrived after their deletion, and were not published. */
    public static final String DELETED_POSTS_WITHHELD = "deleted-posts-withheld";
    /** Edits that arrived after the deletion of their post, and were not published. */
    public static final String DELETED_EDITS_WITHHELD = "deleted-edits-withheld";
    public static final String TICKET_POSTS_EDITED = "ticket-posts-edited";
    public static final String TICKET_POSTS_REMOVED = "ticket-posts-removed";
    public static final String POSTS_ENRICHED = "posts-enriched";
    /** Posts (not edits) whose enrichment failed: dead letters of stage {@code enrich}. */
    public static final String POSTS_NOT_ENRICHED = "posts-not-enriched";
    public static final String WINDOW_STATS = "window-stats";
    public static final String LATE_POSTS = "late-posts";
    /**
     * How far, in milliseconds, the most out-of-order late post was behind the newest post read before it: the
     * {@code stream.outOfOrderness} that would have kept it.
     */
    public static final String MOST_LATE_MILLIS = "most-late-millis";
    /**
     * Lateness beyond which raising {@code stream.outOfOrderness} is no advice: every window would be held open a
     * month of event time, and one post that far behind the stream around it usually has a wrong {@code createdAt}
     * (1970, a year typed wrong) rather than a place in a file out of order.
     */
    public static final Duration IMPLAUSIBLY_LATE = Duration.ofDays(30);
    /**
     * {@link #MOST_LATE_MILLIS} over the late posts at most {@link #IMPLAUSIBLY_LATE} behind: the
     * {@code stream.outOfOrderness} worth advising.
     */
    public static final String MOST_LATE_ADVISABLE_MILLIS = "most-late-advisable-millis";
    /** Late posts more than {@link #IMPLAUSIBLY_LATE} behind: no out-of-orderness should wait for them. */
    public static final String IMPLAUSIBLY_LATE_POSTS = "implausibly-late-posts";
    /**
     * The largest execution attempt of any counting operator (a maximum, not a count; each registers it with its first
     * counter): above 0 after Flink restarted the job on a failure ({@code recovery.attempts}). Flink keeps the counts of
     * the current attempt only, so after a restart every count starts again at the checkpoint it restored, and the counts
     * before it are gone.
     */
    public static final String RESTARTS = "restarts";
    public static final String TICKETS_OPENED = "tickets-opened";
    public static final String TICKET_UPDATES = "ticket-updates";
    public static final String TICKETS_CLOSED = "tickets-closed";

    /** Ticket versions handed to the helpdesk ({@code respond.helpdesk}); present only where one is configured. */
    public static final String HELPDESK_VERSIONS = DeliveryAccumulators.HELPDESK_VERSIONS;
    public static final String HELPDESK_DELIVERED = DeliveryAccumulators.HELPDESK_DELIVERED;
    /** Ticket versions the helpdesk sink gave up on: dead letters of stage {@code helpdesk}. */
    public static final String HELPDESK_DEAD_LETTERS = DeliveryAccumulators.HELPDESK_DEAD_LETTERS;

    private Counters() {
    }

    /** Messages routed to an alert channel ({@code respond.alerts.channels}), by its name. */
    public static String alertMessages(String channel) {
        return DeliveryAccumulators.ALERT_MESSAGES + channel;
    }

    public static String alertMessagesDelivered(String channel) {
        return DeliveryAccumulators.ALERT_DELIVERED + channel;
    }

    /** Messages an alert channel gave up on: dead letters of stage {@code deliver}. */
    public static String alertDeadLetters(String channel) {
        return DeliveryAccumulators.ALERT_DEAD_LETTERS + channel;
    }

    /** Updates an alert channel's quiet period held back (never sent, nor dead letters). */
    public static String alertUpdatesHeldBack(String channel) {
        return DeliveryAccumulators.ALERT_HELD_BACK + channel;
    }

    /** The alert channels the counts name, in the order of their names. */
    public static List<String> alertChannels(Map<String, ?> counts) {
        return counts.keySet().stream().filter(name -> name.startsWith(DeliveryAccumulators.ALERT_MESSAGES))
                .map(name -> name.substring(DeliveryAccumulators.ALERT_MESSAGES.length())).sorted().toList();
    }

    /** Incidents opened, per kind. */
    public static String alertsOpened(AlertKind kind) {
        return "alerts-opened-" + kind.name();
    }
}
