package dev.earshot.connectors.helpdesk;

/** The helpdesks Earshot hands tickets to. */
public enum HelpdeskKind {
    /** Zendesk Tickets API, basic auth {@code {email}/token:{api_token}}. */
    ZENDESK,
    /** Freshdesk API v2, basic auth {@code {api_key}:X}. */
    FRESHDESK,
    /** Any HTTP endpoint that takes the canonical HandoffTicket JSON, optionally with a bearer token. */
    WEBHOOK
}
