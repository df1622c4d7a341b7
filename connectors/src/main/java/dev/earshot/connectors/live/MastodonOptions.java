package dev.earshot.connectors.live;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.earshot.connectors.Secrets;
import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A Mastodon server's streaming API ({@code input.mastodon.*}). Since Mastodon 4.2 streaming needs a user's access
 * token (any account's; scope {@code read:statuses}); its value is read on the task manager from the environment
 * variable {@code tokenEnv} names, so that it is in neither the configuration nor the job graph.
 *
 * @param instance the server, e.g. {@code https://mastodon.social}
 * @param timeline which timeline: {@code public}, {@code local}, {@code hashtag} or {@code list}
 * @param tag the hashtag (without {@code #}) when the timeline is {@code hashtag}
 * @param list the list id when the timeline is {@code list}
 * @param tokenEnv the environment variable that holds the access token; empty: no token (servers before 4.2)
 * @param idleTimeout how long a silent connection is trusted (servers send a heartbeat every few seconds)
 * @param reconnect the back-off between reconnects
 */
public record MastodonOptions(URI instance, Timeline timeline, String tag, String list, String tokenEnv,
        Duration idleTimeout, Backoff reconnect) implements Serializable {

    public static final String TOKEN_ENV = "EARSHOT_MASTODON_TOKEN";
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Pattern LIST_ID = Pattern.compile("[0-9A-Za-z]+");
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The timelines the streaming API serves, with their streaming and REST paths. */
    public enum Timeline {
        @JsonProperty("public") PUBLIC,
        @JsonProperty("local") LOCAL,
        @JsonProperty("hashtag") HASHTAG,
        @JsonProperty("list") LIST
    }

    /** Null values but {@code instance} take the defaults, so that a configuration names only what it changes. */
    public MastodonOptions {
        timeline = timeline == null ? Timeline.PUBLIC : timeline;
        tokenEnv = tokenEnv == null ? TOKEN_ENV : tokenEnv;
        idleTimeout = idleTimeout == null ? IDLE_TIMEOUT : idleTimeout;
        reconnect = Backoff.checked("input.mastodon", reconnect);
        if (instance == null || !("https".equals(instance.getScheme()) || "http".equals(instance.getScheme()))
                || instance.getHost() == null || instance.getRawQuery() != null) {
            throw new IllegalArgumentException("input.mastodon.instance must be the server's https:// URL, was '" + instance
                    + "'; e.g. https://mastodon.social");
        }
        if (timeline == Timeline.HASHTAG && (tag == null || !TAG.matcher(tag).matches())) {
            throw new IllegalArgumentException("input.mastodon.tag must be a hashtag without '#' for timeline hashtag, was '"
                    + tag + "'; e.g. earthquake");
        }
        if (timeline == Timeline.LIST && (list == null || !LIST_ID.matcher(list).matches())) {
            throw new IllegalArgumentException("input.mastodon.list must be a list id for timeline list, was '" + list
                    + "'; see GET /api/v1/lists");
        }
        if (!tokenEnv.isEmpty() && !ENV.matcher(tokenEnv).matches()) {
            throw new IllegalArgumentException("input.mastodon.tokenEnv must name an environment variable, was '" + tokenEnv
                    + "'; e.g. " + TOKEN_ENV);
        }
        LiveOptions.positive("input.mastodon.idleTimeout", idleTimeout, "60s");
    }

    /** The public timeline of {@code instance}, with the token in {@value #TOKEN_ENV}. */
    public static MastodonOptions publicTimeline(URI instance) {
        return new MastodonOptions(instance, null, null, null, null, null, null);
    }

    public MastodonOptions withTimeline(Timeline newTimeline, String newTag, String newList) {
        return new MastodonOptions(instance, newTimeline, newTag, newList, tokenEnv, idleTimeout, reconnect);
    }

    public MastodonOptions withReconnect(Backoff newReconnect) {
        return new MastodonOptions(instance, timeline, tag, list, tokenEnv, idleTimeout, newReconnect);
    }

    public MastodonOptions withIdleTimeout(Duration newIdleTimeout) {
        return new MastodonOptions(instance, timeline, tag, list, tokenEnv, newIdleTimeout, reconnect);
    }

    /** The token, or null when none is configured; fails, naming the key, when the variable is not set. */
    public String token(Secrets secrets) {
        if (tokenEnv.isEmpty()) {
            return null;
        }
        String token = secrets.get(tokenEnv);
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("environment variable " + tokenEnv + " (input.mastodon.tokenEnv) is not set;"
                    + " create an access token with scope read:statuses under Preferences > Development on "
                    + instance.getHost());
        }
        return token.trim();
    }

    URI streamUri() {
        return resolve(switch (timeline) {
            case PUBLIC -> "/api/v1/streaming/public";
            case LOCAL -> "/api/v1/streaming/public/local";
            case HASHTAG -> "/api/v1/streaming/hashtag?tag=" + encode(tag);
            case LIST -> "/api/v1/streaming/list?list=" + encode(list);
        });
    }

    /** The REST timeline that holds what the stream showed, statuses just newer than {@code minId}, oldest page first. */
    URI timelineUri(String minId) {
        String query = "min_id=" + encode(minId) + "&limit=40";
        return resolve(switch (timeline) {
            case PUBLIC -> "/api/v1/timelines/public?" + query;
            case LOCAL -> "/api/v1/timelines/public?local=true&" + query;
            case HASHTAG -> "/api/v1/timelines/tag/" + encode(tag) + "?" + query;
            case LIST -> "/api/v1/timelines/list/" + encode(list) + "?" + query;
        });
    }

    /** The stream's name as Mastodon's WebSocket API gives it, e.g. {@code ["hashtag","earthquake"]}. */
    String[] streamName() {
        return switch (timeline) {
            case PUBLIC -> new String[] {"public"};
            case LOCAL -> new String[] {"public:local"};
            case HASHTAG -> new String[] {"hashtag", tag};
            case LIST -> new String[] {"list", list};
        };
    }

    private URI resolve(String pathAndQuery) {
        String base = instance.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
