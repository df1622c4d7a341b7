package dev.earshot.connectors.http;

import dev.earshot.connectors.Secrets;

import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.ChannelType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A channel with its secrets resolved: where to send and, for a webhook, the signing key. Its {@code toString}
 * shows no secret, and {@link #redact} scrubs them from any text before it is logged or kept in a dead letter.
 *
 * @param signingKey the HMAC key of a webhook channel; null for Slack
 */
public record ChannelEndpoint(AlertChannel channel, URI url, byte[] signingKey) {

    /**
     * Resolves every channel's secrets. A missing or malformed one stops start-up with a message naming the
     * channel, the key and the variable, never the value.
     */
    public static Map<String, ChannelEndpoint> resolve(List<AlertChannel> channels, Secrets secrets) {
        Map<String, ChannelEndpoint> endpoints = new LinkedHashMap<>();
        for (AlertChannel channel : channels) {
            String where = "respond.alerts.channels '" + channel.name() + "': ";
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
            endpoints.put(channel.name(), new ChannelEndpoint(channel, uri, key));
        }
        return endpoints;
    }

    /** The text with every secret of these endpoints replaced by the name of the variable it came from. */
    public static String redact(String text, Iterable<ChannelEndpoint> endpoints) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (ChannelEndpoint endpoint : endpoints) {
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
        return "ChannelEndpoint[" + channel.name() + " (" + channel.type().name().toLowerCase(Locale.ROOT) + "), url from "
                + channel.urlEnv() + "]";
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
