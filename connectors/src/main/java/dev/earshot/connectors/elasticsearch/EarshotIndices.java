package dev.earshot.connectors.elasticsearch;

import dev.earshot.model.Alert;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.PostChange;
import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Earshot's indices, as {@code dashboards/FIELDS.md} describes them: daily indices for posts and window stats
 * (by UTC day, so that old days are dropped whole), one index each for alerts and tickets, whose documents are
 * updated in place.
 */
public final class EarshotIndices {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    /** {@code earshot-posts-yyyy.MM.dd} by the UTC day of {@code post.createdAt}; {@code _id} = post id. */
    public static final IndexRoute<EnrichedPost> POSTS = new IndexRoute<>("earshot-posts",
            post -> daily("earshot-posts-", post.post().createdAt()), post -> post.post().id(), WriteMode.INDEX);

    /**
     * As {@link #POSTS} for a store of posts that honours edits and deletions: a version overwrites the document of
     * its post id, a deletion removes it from the daily index of the post's time, or, when the post's time is not
     * known (it was seen longer ago than the job remembers), from whichever {@code earshot-posts-*} index holds it.
     */
    public static final IndexRoute<PostChange> POST_CHANGES = new IndexRoute<>("earshot-posts",
            change -> change.post() != null ? POSTS.index().apply(change.post())
                    : change.deletion().postCreatedAt() == null ? null : daily("earshot-posts-", change.deletion().postCreatedAt()),
            PostChange::postId, WriteMode.INDEX, PostChange::post, change -> change.deletion() != null);

    /**
     * {@code earshot-stats-yyyy.MM.dd} by the UTC day of {@code windowEnd}; {@code _id} = topic|place|start|end,
     * the window's end included so that a changed window size writes new documents rather than mixing sizes, and
     * {@code |DAILY} after it for the daily view, whose window may coincide with a sliding one of the same length.
     */
    public static final IndexRoute<TopicLocationStats> STATS = new IndexRoute<>("earshot-stats",
            stats -> daily("earshot-stats-", stats.windowEnd()),
            stats -> stats.topic() + '|' + stats.locationId() + '|' + stats.windowStart() + '|' + stats.windowEnd()
                    + (stats.view() == StatsView.DAILY ? "|DAILY" : ""),
            WriteMode.INDEX);

    /** {@code earshot-alerts}, one document per incident, its latest version. */
    public static final IndexRoute<Alert> ALERTS =
            new IndexRoute<>("earshot-alerts", alert -> "earshot-alerts", Alert::id, WriteMode.UPSERT);

    /** {@code earshot-tickets}, one document per conversation, its latest version. */
    public static final IndexRoute<HandoffTicket> TICKETS =
            new IndexRoute<>("earshot-tickets", ticket -> "earshot-tickets", HandoffTicket::id, WriteMode.UPSERT);

    /** The templates of all four, in the order {@code earshot es setup} installs them. */
    public static final List<String> TEMPLATES =
            List.of(POSTS.template(), STATS.template(), ALERTS.template(), TICKETS.template());

    private EarshotIndices() {
    }

    private static String daily(String prefix, Instant time) {
        return prefix + DAY.format(time);
    }
}
