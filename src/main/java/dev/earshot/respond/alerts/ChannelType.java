package dev.earshot.respond.alerts;

/** How a channel wants its messages. */
public enum ChannelType {
    /** A Slack-compatible incoming webhook: a Block Kit message. */
    SLACK,
    /** Any HTTP endpoint: the canonical Alert JSON, signed with HMAC-SHA256 (see {@link WebhookSignature}). */
    WEBHOOK
}
