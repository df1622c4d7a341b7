package dev.earshot.connectors.http;

import dev.earshot.connectors.Secrets;

import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.SlackPostMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A channel with its secrets resolved: where to send and, for a webhook, the signing key, for a slack-api channel
 * the bot token. Its {@code toString} shows no secret, and {@link #redact} scrubs them from any text before it is
 * logged or kept in a dead letter.
 *
 * @param signingKey the HMAC key of a webhook channel; null for the others
 * @param botToken the Slack bot token of a slack-api channel, sent as {@code Authorization: Bearer}; null for the others
 */
public record ChannelEndpoint(AlertChannel channel, URI url, byte[] signingKey, String botToken) {

    /** Bot ({@code xoxb-}) or user ({@code xoxp-}) tokens, also as rotating access tokens ({@code xoxe.xoxb-}). */
    private static final Pattern SLACK_TOKEN = Pattern.compile("(xoxe\\.)?xox[bp]-[A-Za-z0-9-]+");

    /**
     * Resolves every channel's secrets. A missing or malformed one stops start-up with a message naming the
     * channel, the key and the variable, never the value.
     */
    public static Map<String, ChannelEndpoint> resolve(List<AlertChannel> channels, Secrets secrets) {
        Map<String, ChannelEndpoint> endpoints = new LinkedHashMap<>();
        for (AlertChannel channel : channels) {
            String where = "respond.alerts.channels '" + channel.name() + "': ";
            if (channel.type() == ChannelType.SLACK_API) {
                endpoints.put(channel.name(), new ChannelEndpoint(channel, URI.create(SlackPostMessage.url(channel)), null,
                        slackToken(channel, secrets, where)));
                continue;
            }
            String url = secrets.get(channel.urlEnv());
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException(where + "the environment variable " + channel.urlEnv()
                        + " (urlEnv) is not set; set it to the " + (channel.type() == ChannelType.SLACK
                        ? "Slack incoming webhook URL" : "webhook URL") + " on every task manager");
            }
            URI uri = httpUrl(url.strip());
            if (uri == null) {
                throw new IllegalArgumentException(where + "the environment variable " + channel.urlEnv()
                        + " (urlEnv) does not hold an http(s) URL; its value is not shown because it is a secret");
            }
            byte[] key = null;
            if (channel.type() == ChannelType.WEBHOOK) {
                String secret = secrets.get(channel.secretEnv());
                if (secret == null || secret.length() < 16) {
                    throw new IllegalArgumentException(where + "the environment variable " + channel.secretEnv()
                            + " (secretEnv) must hold the HMAC key, at least 16 characters (e.g. from `openssl rand -hex 32`)"
                            + (secret == null ? "; it is not set" : ""));
                }
                key = secret.getBytes(StandardCharsets.UTF_8);
            }
            endpoints.put(channel.name(), new ChannelEndpoint(channel, uri, key, null));
        }
        return endpoints;
    }

    private static String slackToken(AlertChannel channel, Secrets secrets, String where) {
        String token = secrets.get(channel.tokenEnv());
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(where + "the environment variable " + channel.tokenEnv() + " (tokenEnv) is not "
                    + "set; set it to the Slack app's Bot User OAuth Token (xoxb-..., scopes chat:write and channels:history, "
                    + "or groups:history for a private channel) on every task manager");
        }
        if (!SLACK_TOKEN.matcher(token.strip()).matches()) {
            throw new IllegalArgumentException(where + "the environment variable " + channel.tokenEnv() + " (tokenEnv) does not "
                    + "hold a Slack token (xoxb-...); its value is not shown because it is a secret");
        }
        return token.strip();
    }

    /** The text with every secret of these endpoints replaced by the name of the variable it came from. */
    public static String redact(String text, Iterable<ChannelEndpoint> endpoints) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (ChannelEndpoint endpoint : endpoints) {
            if (endpoint.botToken() != null) {
                redacted = redacted.replace(endpoint.botToken(), "<" + endpoint.channel().tokenEnv() + ">");
                continue;
            }
            for (String secret : endpoint.secrets()) {
                redacted = redacted.replace(secret, "<" + endpoint.channel().urlEnv() + ">");
            }
            if (endpoint.signingKey() != null) {
                redacted = redacted.replace(new String(endpoint.signingKey(), StandardCharsets.UTF_8),
                        "<" + endpoint.channel().secretEnv() + ">");
            }
        }
        return redacted;
    }

    /** The URL and its path, which carries the token of a Slack webhook URL, in the forms a library may print. */
    private List<String> secrets() {
        List<String> forms = new ArrayList<>(List.of(url.toString()));
        String path = url.getRawPath();
        if (path != null && path.length() > 1) {
            forms.add(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery());
        }
        if (url.getRawQuery() != null) {
            forms.add(url.getRawQuery());
        }
        return forms;
    }

    @Override
    public String toString() {
        return "ChannelEndpoint[" + channel.name() + " (" + channel.type().yamlName() + "), "
                + (botToken != null ? url + " with the token from " + channel.tokenEnv() : "url from " + channel.urlEnv()) + "]";
    }

    private static URI httpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
