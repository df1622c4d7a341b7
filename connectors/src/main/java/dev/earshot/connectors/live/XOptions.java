package dev.earshot.connectors.live;

import dev.earshot.connectors.Secrets;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Twitter/X's API v2 filtered stream ({@code input.x.*}): the posts that match the rules set on the app's project. It
 * needs paid access and an app's bearer token (OAuth 2.0 app-only), read on the task manager from the environment
 * variable {@code tokenEnv} names, so that it is in neither the configuration nor the job graph. Rules are set with
 * X's tools ({@code POST /2/tweets/search/stream/rules}), not here.
 *
 * @param base the API's address, e.g. {@code https://api.x.com}
 * @param tokenEnv the environment variable that holds the bearer token
 * @param backfillMinutes after a reconnect or restart, ask for up to this many minutes (1 to 5) of the posts missed;
 *     0 (the default) asks for none, as only some access levels may use backfill
 * @param idleTimeout how long a silent connection is trusted (X sends a keep-alive line every 20 s)
 * @param reconnect the back-off after HTTP errors; X asks for 5 s doubling up to 320 s
 */
public record XOptions(URI base, String tokenEnv, Integer backfillMinutes, Duration idleTimeout, Backoff reconnect)
        implements Serializable {

    public static final URI BASE = URI.create("https://api.x.com");
    public static final String TOKEN_ENV = "EARSHOT_X_BEARER_TOKEN";
    /** The most backfill the API gives. */
    public static final int MAX_BACKFILL_MINUTES = 5;
    /** Three of X's 20 s keep-alive periods. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Backoff RECONNECT = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(320));

    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Null values take the defaults, so that a configuration names only what it changes. */
    public XOptions {
        base = base == null ? BASE : base;
        tokenEnv = tokenEnv == null ? TOKEN_ENV : tokenEnv;
        backfillMinutes = backfillMinutes == null ? 0 : backfillMinutes;
        idleTimeout = idleTimeout == null ? IDLE_TIMEOUT : idleTimeout;
        reconnect = Backoff.checked("input.x", reconnect == null ? RECONNECT : reconnect);
        if (!("https".equals(base.getScheme()) || "http".equals(base.getScheme())) || base.getHost() == null
                || base.getRawQuery() != null) {
            throw new IllegalArgumentException("input.x.base must be the API's https:// URL, was '" + base
                    + "'; e.g. " + BASE);
        }
        if (!ENV.matcher(tokenEnv).matches()) {
            throw new IllegalArgumentException("input.x.tokenEnv must name an environment variable, was '" + tokenEnv
                    + "'; e.g. " + TOKEN_ENV);
        }
        if (backfillMinutes < 0 || backfillMinutes > MAX_BACKFILL_MINUTES) {
            throw new IllegalArgumentException("input.x.backfillMinutes must be 0 (no backfill) to " + MAX_BACKFILL_MINUTES
                    + ", the API's maximum, was " + backfillMinutes + "; e.g. 5 where your access level includes backfill");
        }
        LiveOptions.positive("input.x.idleTimeout", idleTimeout, "60s");
    }

    /** The public API, the token in {@value #TOKEN_ENV}, no backfill. */
    public static XOptions defaults() {
        return new XOptions(null, null, null, null, null);
    }

    public XOptions withBase(URI newBase) {
        return new XOptions(newBase, tokenEnv, backfillMinutes, idleTimeout, reconnect);
    }

    public XOptions withBackfillMinutes(int newBackfillMinutes) {
        return new XOptions(base, tokenEnv, newBackfillMinutes, idleTimeout, reconnect);
    }

    public XOptions withIdleTimeout(Duration newIdleTimeout) {
        return new XOptions(base, tokenEnv, backfillMinutes, newIdleTimeout, reconnect);
    }

    public XOptions withReconnect(Backoff newReconnect) {
        return new XOptions(base, tokenEnv, backfillMinutes, idleTimeout, newReconnect);
    }

    /** The bearer token; fails, naming the key, when the variable is not set. */
    public String token(Secrets secrets) {
        String token = secrets.get(tokenEnv);
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("environment variable " + tokenEnv + " (input.x.tokenEnv) is not set; put your"
                    + " X app's bearer token in it (developer portal: your project's app, Keys and tokens)");
        }
        return token.trim();
    }

    /**
     * The stream with the fields and expansions {@code twitter-v2} parsing reads (author, reply, conversation, place,
     * the original of a retweet), and {@code backfill_minutes} when {@code backfill} is more than 0.
     */
    URI streamUri(int backfill) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        return URI.create(root + "/2/tweets/search/stream"
                + "?tweet.fields=created_at,lang,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,geo,"
                + "entities,public_metrics,edit_history_tweet_ids,note_tweet"
                + "&expansions=author_id,in_reply_to_user_id,geo.place_id,referenced_tweets.id"
                + "&user.fields=username,name,location,public_metrics"
                + "&place.fields=full_name,country_code,geo,name,place_type"
                + (backfill > 0 ? "&backfill_minutes=" + backfill : ""));
    }
}
