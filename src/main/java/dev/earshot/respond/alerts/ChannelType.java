package dev.earshot.respond.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a channel wants its messages; written {@code slack} or {@code webhook} in earshot.yaml. */
public enum ChannelType {
    /** A Slack-compatible incoming webhook: a Block Kit message. */
    SLACK,
    /** Any HTTP endpoint: the canonical Alert JSON, signed with HMAC-SHA256 (see {@link WebhookSignature}). */
    WEBHOOK;

    @JsonCreator
    public static ChannelType of(String name) {
        for (ChannelType type : values()) {
            if (type.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("type must be slack or webhook, was '" + name + "'");
    }

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
