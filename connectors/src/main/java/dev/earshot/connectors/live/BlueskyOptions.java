package dev.earshot.connectors.live;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bluesky's Jetstream ({@code input.bluesky.*}): a public JSON-over-WebSocket feed of the network's commits; no
 * account is needed.
 *
 * @param endpoint the {@code /subscribe} URL, {@code ws://} or {@code wss://}
 * @param collections record collections to follow (Jetstream's {@code wantedCollections}); posts by default
 * @param startCursor where a job without a checkpoint starts, as Jetstream {@code time_us} (microseconds since the
 *     epoch; Jetstream keeps about a day); null: from now
 * @param idleTimeout how long a silent connection is trusted before reconnecting
 * @param reconnect the back-off between reconnects
 */
public record BlueskyOptions(URI endpoint, List<String> collections, Long startCursor, Duration idleTimeout, Backoff reconnect)
        implements Serializable {

    public static final URI ENDPOINT = URI.create("wss://jetstream2.us-east.bsky.network/subscribe");
    public static final List<String> COLLECTIONS = List.of("app.bsky.feed.post");
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern NSID = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]*(\\.[a-zA-Z0-9-]+)+(\\.\\*)?");

    /** Null values take the defaults, so that a configuration names only what it changes. */
    public BlueskyOptions {
        endpoint = endpoint == null ? ENDPOINT : endpoint;
        collections = collections == null ? COLLECTIONS : collections;
        idleTimeout = idleTimeout == null ? IDLE_TIMEOUT : idleTimeout;
        reconnect = Backoff.checked("input.bluesky", reconnect);
        if (!("ws".equals(endpoint.getScheme()) || "wss".equals(endpoint.getScheme()))
                || endpoint.getHost() == null || endpoint.getRawQuery() != null) {
            throw new IllegalArgumentException("input.bluesky.endpoint must be a ws:// or wss:// URL without a query, was '"
                    + endpoint + "'; e.g. " + ENDPOINT);
        }
        if (collections.isEmpty() || !collections.stream().allMatch(c -> c != null && NSID.matcher(c).matches())) {
            throw new IllegalArgumentException("input.bluesky.collections must be collection NSIDs, was " + collections
                    + "; e.g. [app.bsky.feed.post]");
        }
        collections = List.copyOf(collections);
        if (startCursor != null && startCursor < 0) {
            throw new IllegalArgumentException("input.bluesky.startCursor must be a time in microseconds since the epoch, was "
                    + startCursor + "; leave it out to start from now");
        }
        LiveOptions.positive("input.bluesky.idleTimeout", idleTimeout, "60s");
    }

    /** Posts from the public Jetstream instance, from now. */
    public static BlueskyOptions defaults() {
        return new BlueskyOptions(null, null, null, null, null);
    }

    public BlueskyOptions withEndpoint(URI newEndpoint) {
        return new BlueskyOptions(newEndpoint, collections, startCursor, idleTimeout, reconnect);
    }

    public BlueskyOptions withReconnect(Backoff newReconnect) {
        return new BlueskyOptions(endpoint, collections, startCursor, idleTimeout, newReconnect);
    }
}
