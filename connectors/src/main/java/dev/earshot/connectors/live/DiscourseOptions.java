package dev.earshot.connectors.live;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * A Discourse forum's latest posts ({@code input.discourse.*}), polled from {@code /posts.json}; public forums need
 * no account.
 *
 * @param forum the forum's URL, e.g. {@code https://meta.discourse.org}
 * @param pollInterval the time between polls
 * @param startAfter where a job without a checkpoint starts: only posts with a higher id; null: the latest page
 * @param reconnect the back-off after a failed poll
 */
public record DiscourseOptions(URI forum, Duration pollInterval, Long startAfter, Backoff reconnect) implements Serializable {

    public static final Duration POLL_INTERVAL = Duration.ofSeconds(30);

    /** Null values but {@code forum} take the defaults, so that a configuration names only what it changes. */
    public DiscourseOptions {
        pollInterval = pollInterval == null ? POLL_INTERVAL : pollInterval;
        reconnect = Backoff.checked("input.discourse", reconnect);
        if (forum == null || !("https".equals(forum.getScheme()) || "http".equals(forum.getScheme()))
                || forum.getHost() == null || forum.getRawQuery() != null) {
            throw new IllegalArgumentException("input.discourse.forum must be the forum's https:// URL, was '" + forum
                    + "'; e.g. https://meta.discourse.org");
        }
        LiveOptions.positive("input.discourse.pollInterval", pollInterval, "30s");
        if (startAfter != null && startAfter < 0) {
            throw new IllegalArgumentException("input.discourse.startAfter must be a post id (0 or more), was " + startAfter
                    + "; leave it out to start with the latest posts");
        }
    }

    public static DiscourseOptions latest(URI forum) {
        return new DiscourseOptions(forum, null, null, null);
    }

    public DiscourseOptions withPollInterval(Duration interval) {
        return new DiscourseOptions(forum, interval, startAfter, reconnect);
    }

    public DiscourseOptions withReconnect(Backoff newReconnect) {
        return new DiscourseOptions(forum, pollInterval, startAfter, newReconnect);
    }

    URI postsUri(Long before) {
        String base = forum.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/posts.json"
                + (before == null ? "" : "?before=" + before));
    }
}
