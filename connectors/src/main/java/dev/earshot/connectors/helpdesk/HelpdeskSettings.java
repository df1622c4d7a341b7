package dev.earshot.connectors.helpdesk;

import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.http.ConnectFailures;
import dev.earshot.respond.SecretVariable;
import dev.earshot.respond.helpdesk.HelpdeskMapping;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where and how tickets are handed to a helpdesk: the {@code respond.helpdesk} section of the configuration.
 * Every check names the key and the fix.
 *
 * @param kind zendesk, freshdesk or webhook
 * @param url the helpdesk's base URL ({@code https://acme.zendesk.com}, {@code https://acme.freshdesk.com}),
 *        or for a webhook the full endpoint
 * @param emailEnv Zendesk only: the environment variable holding the agent e-mail of the API token
 * @param tokenEnv the environment variable holding the Zendesk API token, the Freshdesk API key, or the webhook's
 *        bearer token (optional for a webhook)
 * @param mapping custom fields, tags and placeholder requesters
 * @param maxInFlight ticket versions being delivered at once per sink subtask; more wait (backpressure)
 * @param requestTimeout how long one HTTP request may take before it counts as failed and is retried
 * @param maxAttempts attempts per request, the first included, for 429, 5xx, timeouts and connection errors
 * @param initialBackoff the wait before the first retry; it doubles each time, with jitter, up to maxBackoff
 * @param maxBackoff the longest wait between retries, unless the helpdesk's Retry-After asks for longer
 * @param forgetAfter how long a delivered ticket's mapping is kept in state after its last delivery; a ticket
 *        updated later is found again by its external id or tag
 * @param reopen whether the customer's new posts put a ticket the agents finished with (Zendesk pending or solved,
 *        Freshdesk pending, resolved or closed) back to open; see {@code Reopening}. Either way, the posts for a
 *        closed Zendesk ticket, which takes none, go to a follow-up ticket.
 */
public record HelpdeskSettings(
        HelpdeskKind kind,
        String url,
        String emailEnv,
        String tokenEnv,
        HelpdeskMapping mapping,
        int maxInFlight,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration forgetAfter,
        boolean reopen) implements Serializable {

    private static final String KEY = "respond.helpdesk.";

    public HelpdeskSettings {
        require(kind != null, "kind", "must be one of zendesk, freshdesk, webhook");
        require(url != null && isHttpUrl(url), "url", "must be an http(s) URL, e.g. https://acme.zendesk.com, was " + url);
        if (kind != HelpdeskKind.WEBHOOK) {
            requireApiBase(kind, URI.create(url));
        }
        require(kind != HelpdeskKind.ZENDESK || SecretVariable.isName(emailEnv), "emailEnv",
                "must name the environment variable holding the Zendesk agent e-mail, e.g. ZENDESK_EMAIL"
                        + SecretVariable.problem(emailEnv));
        require(kind == HelpdeskKind.WEBHOOK || SecretVariable.isName(tokenEnv), "tokenEnv",
                "must name the environment variable holding the " + (kind == HelpdeskKind.ZENDESK
                        ? "Zendesk API token, e.g. ZENDESK_API_TOKEN" : "Freshdesk API key, e.g. FRESHDESK_API_KEY")
                        + SecretVariable.problem(tokenEnv));
        require(kind != HelpdeskKind.WEBHOOK || !isSet(tokenEnv) || SecretVariable.isName(tokenEnv), "tokenEnv",
                "must name the environment variable holding the webhook's bearer token, e.g. EARSHOT_HELPDESK_TOKEN"
                        + SecretVariable.problem(tokenEnv));
        mapping = mapping == null ? HelpdeskMapping.defaults() : mapping;
        if (kind == HelpdeskKind.ZENDESK) {
            requireNumeric(mapping.topicField(), "topicField");
            requireNumeric(mapping.locationField(), "locationField");
        }
        require(maxInFlight >= 1 && maxInFlight <= 1024, "maxInFlight", "must be between 1 and 1024, was " + maxInFlight);
        require(positive(requestTimeout), "requestTimeout", "must be a positive duration, e.g. 10s");
        require(maxAttempts >= 1 && maxAttempts <= 100, "maxAttempts", "must be between 1 and 100, was " + maxAttempts);
        require(positive(initialBackoff), "initialBackoff", "must be a positive duration, e.g. 500ms");
        require(positive(maxBackoff) && maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff",
                "must be a duration at least initialBackoff, e.g. 60s");
        require(positive(forgetAfter), "forgetAfter", "must be a positive duration, e.g. 30d");
    }

    /** {@link #url} without a trailing slash, to append API paths to. */
    public String apiBase() {
        return url.replaceAll("/+$", "");
    }

    /** The defaults for delivery, with the given helpdesk and credentials' variable names. */
    public static HelpdeskSettings of(HelpdeskKind kind, String url, String emailEnv, String tokenEnv) {
        return new HelpdeskSettings(kind, url, emailEnv, tokenEnv, HelpdeskMapping.defaults(), 8,
                Duration.ofSeconds(10), 6, Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofDays(30), true);
    }

    public HelpdeskSettings withMapping(HelpdeskMapping newMapping) {
        return new HelpdeskSettings(kind, url, emailEnv, tokenEnv, newMapping, maxInFlight, requestTimeout,
                maxAttempts, initialBackoff, maxBackoff, forgetAfter, reopen);
    }

    public HelpdeskSettings withDelivery(int newMaxInFlight, Duration newRequestTimeout, int newMaxAttempts,
                                         Duration newInitialBackoff, Duration newMaxBackoff) {
        return new HelpdeskSettings(kind, url, emailEnv, tokenEnv, mapping, newMaxInFlight, newRequestTimeout,
                newMaxAttempts, newInitialBackoff, newMaxBackoff, forgetAfter, reopen);
    }

    public HelpdeskSettings withReopen(boolean newReopen) {
        return new HelpdeskSettings(kind, url, emailEnv, tokenEnv, mapping, maxInFlight, requestTimeout, maxAttempts,
                initialBackoff, maxBackoff, forgetAfter, newReopen);
    }

    /**
     * Checks at start-up that the named environment variables are set, so that a missing credential stops the
     * run with the variable's name, never its value.
     */
    public void checkSecrets(Secrets secrets) {
        for (String env : kind == HelpdeskKind.ZENDESK ? List.of(emailEnv, tokenEnv)
                : isSet(tokenEnv) ? List.of(tokenEnv) : List.<String>of()) {
            String value = secrets.get(env);
            if (value == null || value.isBlank()) {
                String key = env.equals(emailEnv) && kind == HelpdeskKind.ZENDESK ? "emailEnv" : "tokenEnv";
                throw new IllegalArgumentException(KEY + key + ": the environment variable " + env
                        + " is not set; export it before starting Earshot");
            }
        }
    }

    private static boolean isSet(String text) {
        return text != null && !text.isBlank();
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Zendesk and Freshdesk take their API over https only, under their own paths: the URL is the account's address,
     * as in the browser. Plain http is for a server on this machine (a test double).
     */
    private static void requireApiBase(HelpdeskKind kind, URI uri) {
        String name = kind == HelpdeskKind.ZENDESK ? "Zendesk" : "Freshdesk";
        String example = kind == HelpdeskKind.ZENDESK ? "https://acme.zendesk.com" : "https://acme.freshdesk.com";
        // Shown without user info or query, which may hold credentials written into the address.
        String shown = ConnectFailures.shown(uri);
        require(uri.getRawUserInfo() == null, "url", "must not hold credentials (user:password@): put them in the "
                + "environment variables emailEnv and tokenEnv name; was " + shown + " with them left out");
        String path = uri.getRawPath();
        require((path == null || path.isEmpty() || path.equals("/")) && uri.getRawQuery() == null
                && uri.getRawFragment() == null, "url", "must be the " + name + " account's address without a path "
                + "or query, e.g. " + example + " (Earshot adds /api/v2/...), was " + shown
                + (uri.getRawQuery() == null ? "" : " with a query"));
        require("https".equals(uri.getScheme()) || isLoopback(uri.getHost()), "url", "must use https, e.g. " + example
                + ": " + name + " answers its API over https only, and the credentials must not travel in clear "
                + "(plain http is for a server on this machine), was " + shown);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static void requireNumeric(String fieldId, String key) {
        require(fieldId == null || fieldId.matches("\\d{1,19}"), key,
                "must be the numeric id of a Zendesk ticket field, e.g. 360001234567, was " + fieldId);
    }

    private static void require(boolean ok, String key, String message) {
        if (!ok) {
            throw new IllegalArgumentException(KEY + key + ": " + message);
        }
    }
}
