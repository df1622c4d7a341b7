package dev.earshot.respond.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a channel wants its messages; written {@code slack}, {@code slack-api} or {@code webhook} in earshot.yaml. */
public enum ChannelType {
    /** A Slack-compatible incoming webhook: a Block Kit message. */
    SLACK,
    /**
     * Slack's Web API ({@code chat.postMessage} with a bot token): the same Block Kit message, and an incident's
     * follow-ups are replies in the thread of its first message (see {@link SlackPostMessage}).
     */
    SLACK_API,
    /** Any HTTP endpoint: the canonical Alert JSON, signed with HMAC-SHA256 (see {@link WebhookSignature}). */
    WEBHOOK;

    @JsonCreator
    public static ChannelType of(String name) {
        for (ChannelType type : values()) {
            if (type.yamlName().equalsIgnoreCase(name == null ? "" : name.strip().replace('_', '-'))) {
                return type;
            }
        }
        throw new IllegalArgumentException("type must be slack, slack-api or webhook, was '" + name + "'");
    }

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
