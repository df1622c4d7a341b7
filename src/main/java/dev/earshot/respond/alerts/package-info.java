/**
 * Alerts to people: every decision of delivery, pure and unit-tested; {@code dev.earshot.connectors.http} moves
 * the bytes. Proposed configuration ({@code respond.alerts} in earshot.yaml, bound to {@link
 * dev.earshot.respond.alerts.AlertsConfig}); secrets are named, never written:
 *
 * <pre>
 * respond:
 *   alerts:
 *     channels:
 *       - name: ops-slack
 *         type: slack                          # Block Kit message to a Slack incoming webhook
 *         urlEnv: EARSHOT_SLACK_WEBHOOK_URL    # environment variable holding the webhook URL
 *         topics: [parking, public_transport]  # default: all topics
 *         locations: [Bengaluru, geonames:1275339]  # ids or names; default: everywhere
 *         minSeverity: 4                       # default 1
 *         dashboardUrl: https://kibana.example.com   # optional: adds an "Open dashboard" button
 *         rateLimit: { perMinute: 20, burst: 5, maxWait: 5m }
 *         quietPeriod: 1h                      # with maxPerIncident: at most 3 messages per incident an hour
 *         maxPerIncident: 3
 *       - name: care-slack
 *         type: slack-api                      # chat.postMessage with a bot token: follow-ups reply in the thread
 *         tokenEnv: EARSHOT_SLACK_BOT_TOKEN    # environment variable holding the bot token (xoxb-..., chat:write)
 *         slackChannel: C0123456789            # the channel's ID; invite the app to it
 *         minSeverity: 4
 *       - name: incident-bus
 *         type: webhook                        # canonical Alert JSON, HMAC-SHA256 signed (see WebhookSignature)
 *         urlEnv: EARSHOT_WEBHOOK_URL
 *         secretEnv: EARSHOT_WEBHOOK_SECRET
 *     delivery: { maxAttempts: 5, initialBackoff: 1s, maxBackoff: 1m, maxRetryAfter: 5m,
 *                 requestTimeout: 10s, connectTimeout: 5s, maxInFlight: 32 }
 * </pre>
 */
package dev.earshot.respond.alerts;
