package dev.earshot.respond.alerts;

import dev.earshot.model.Alert;
import dev.earshot.respond.SecretVariable;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One place alerts go to, and which alerts go there. Only name, type and urlEnv (and secretEnv for a webhook)
 * are required, or for {@code slack-api} name, type, tokenEnv and slackChannel; absent values take the defaults shown in {@link #of}. Secrets are never part of the configuration: it names the
 * environment variables that hold them, so they stay out of files, logs and the job graph.
 *
 * @param name unique; shown in logs and dead letters and part of each delivery's idempotency key
 * @param type {@code slack}, {@code slack-api} or {@code webhook}
 * @param urlEnv slack and webhook channels: the environment variable holding the endpoint URL (a Slack webhook
 *     URL is itself a secret)
 * @param secretEnv webhook channels only: the environment variable holding the HMAC-SHA256 signing key
 * @param tokenEnv slack-api channels only: the environment variable holding the Slack bot token ({@code xoxb-...},
 *     scope {@code chat:write}, and {@code channels:history} or {@code groups:history} so that a lost answer or a
 *     replay does not post twice: {@link SlackMessageLookup})
 * @param slackChannel slack-api channels only: the Slack channel's ID, e.g. {@code C0123456789}
 * @param apiUrl slack-api channels only, optional: Slack's Web API base URL, default {@value #SLACK_API_URL}
 * @param topics topic ids routed here; empty for all
 * @param locations location ids ({@code geonames:1277333}) or names ({@code Bengaluru}, any case) routed here;
 *     empty for all
 * @param minSeverity an incident is announced here once one of its versions reaches this severity (1-10); its
 *     later versions follow it here whatever their severity, so that a thread is never cut short
 * @param dashboardUrl slack and slack-api only, optional: the Kibana base URL (e.g. {@code https://kibana.example.com}) the
 *     message links to
 * @param rateLimit this channel's token bucket
 * @param quietPeriod with {@code maxPerIncident}: at most that many messages per incident within this period
 * @param maxPerIncident see {@code quietPeriod}; OPEN and RESOLVED always pass, UPDATED only when the severity
 *     changed and the period has room
 */
public record AlertChannel(
        String name,
        ChannelType type,
        String urlEnv,
        String secretEnv,
        String tokenEnv,
        String slackChannel,
        String apiUrl,
        List<String> topics,
        List<String> locations,
        Integer minSeverity,
        String dashboardUrl,
        RateLimit rateLimit,
        Duration quietPeriod,
        Integer maxPerIncident) implements Serializable {

    public static final String SLACK_API_URL = "https://slack.com/api";
    /** Slack's channel IDs: C (public), G (private) or D (direct message), then upper-case letters and digits. */
    private static final Pattern SLACK_CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{8,}");
    private static final Pattern CHANNEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public AlertChannel {
        if (name == null || !CHANNEL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-', e.g. ops-slack; was '" + name + "'");
        }
        String where = "channel '" + name + "': ";
        if (type == null) {
            throw new IllegalArgumentException(where + "type must be slack, slack-api or webhook");
        }
        if (type == ChannelType.SLACK_API) {
            if (urlEnv != null || secretEnv != null) {
                throw new IllegalArgumentException(where + (urlEnv != null ? "urlEnv" : "secretEnv") + " does not apply to a "
                        + "slack-api channel; remove it (it posts to Slack's Web API with the bot token named by tokenEnv)");
            }
            if (!SecretVariable.isName(tokenEnv)) {
                throw new IllegalArgumentException(where + "a slack-api channel needs tokenEnv: the environment variable "
                        + "that holds the Slack bot token (xoxb-...), e.g. EARSHOT_SLACK_BOT_TOKEN" + SecretVariable.problem(tokenEnv));
            }
            if (slackChannel == null) {
                throw new IllegalArgumentException(where + "a slack-api channel needs slackChannel: the ID of the Slack "
                        + "channel to post to, e.g. C0123456789 (in Slack, the channel's details show it at the bottom)");
            }
            if (!SLACK_CHANNEL_ID.matcher(slackChannel.strip()).matches()) {
                throw new IllegalArgumentException(where + "slackChannel must be the Slack channel's ID, e.g. C0123456789 "
                        + "(in Slack, the channel's details show it at the bottom), not its name, which can change; was '"
                        + slackChannel + "'");
            }
            slackChannel = slackChannel.strip();
            apiUrl = apiUrl == null ? SLACK_API_URL : apiUrl.strip();
            requireHttpUrl(apiUrl, where + "apiUrl");
            apiUrl = apiUrl.replaceAll("/+$", "");
        } else if (tokenEnv != null || slackChannel != null || apiUrl != null) {
            throw new IllegalArgumentException(where + (tokenEnv != null ? "tokenEnv" : slackChannel != null ? "slackChannel" : "apiUrl")
                    + " applies to slack-api channels only; remove it, or set type: slack-api to post with a bot token");
        }
        if (type != ChannelType.SLACK_API && !SecretVariable.isName(urlEnv)) {
            throw new IllegalArgumentException(where + "urlEnv must name the environment variable that holds the URL, "
                    + "e.g. EARSHOT_SLACK_WEBHOOK_URL" + SecretVariable.problem(urlEnv));
        }
        if (type == ChannelType.WEBHOOK && !SecretVariable.isName(secretEnv)) {
            throw new IllegalArgumentException(where + "a webhook channel signs its requests: secretEnv must name the "
                    + "environment variable that holds the HMAC key, e.g. EARSHOT_WEBHOOK_SECRET" + SecretVariable.problem(secretEnv));
        }
        if (type == ChannelType.SLACK && secretEnv != null) {
            throw new IllegalArgumentException(where + "secretEnv applies to webhook channels only; remove it "
                    + "(a Slack webhook's URL is its secret: put it in urlEnv)");
        }
        topics = names(topics, where + "topics");
        locations = names(locations, where + "locations");
        if (minSeverity == null) {
            minSeverity = 1;
        }
        if (minSeverity < 1 || minSeverity > 10) {
            throw new IllegalArgumentException(where + "minSeverity must be in [1, 10], e.g. 4; was " + minSeverity);
        }
        if (dashboardUrl != null) {
            if (type == ChannelType.WEBHOOK) {
                throw new IllegalArgumentException(where + "dashboardUrl applies to slack and slack-api channels only; remove it");
            }
            requireHttpUrl(dashboardUrl, where + "dashboardUrl");
            dashboardUrl = dashboardUrl.replaceAll("/+$", "");
        }
        if (rateLimit == null) {
            rateLimit = RateLimit.defaults();
        }
        if (quietPeriod == null) {
            quietPeriod = Duration.ofHours(1);
        }
        if (maxPerIncident == null) {
            maxPerIncident = 3;
        }
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException(where + "quietPeriod must be a positive duration, e.g. 1h; was " + quietPeriod);
        }
        if (maxPerIncident < 2) {
            throw new IllegalArgumentException(where + "maxPerIncident must be >= 2 (the first message and its resolution), "
                    + "e.g. 3; was " + maxPerIncident);
        }
    }

    /** A channel that takes every alert: minSeverity 1, 20 messages a minute (burst 5), at most 3 per incident an hour. */
    public static AlertChannel of(String name, ChannelType type, String urlEnv, String secretEnv) {
        return new AlertChannel(name, type, urlEnv, secretEnv, null, null, null, null, null, null, null, null, null, null);
    }

    /** A slack-api channel that takes every alert, with the defaults of {@link #of}, posting to Slack's Web API. */
    public static AlertChannel slackApi(String name, String tokenEnv, String slackChannel) {
        return new AlertChannel(name, ChannelType.SLACK_API, null, null, tokenEnv, slackChannel, null, null, null, null, null,
                null, null, null);
    }

    /** Whether the alert's topic and location are routed here (severity is judged per incident, see above). */
    public boolean covers(Alert alert) {
        boolean topicMatches = topics.isEmpty() || topics.contains(alert.topic());
        boolean locationMatches = locations.isEmpty() || locations.stream().anyMatch(location ->
                location.equalsIgnoreCase(alert.locationId())
                        || alert.locationName() != null && location.equalsIgnoreCase(alert.locationName()));
        return topicMatches && locationMatches;
    }

    static void requireHttpUrl(String value, String key) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be an http(s) URL such as https://kibana.example.com; was '" + value + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an http(s) URL such as https://kibana.example.com; was '" + value + "'");
        }
    }

    private static List<String> names(List<String> values, String key) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(key + " must not contain blank entries; remove them");
            }
        }
        return values.stream().map(String::strip).distinct().toList();
    }
}
