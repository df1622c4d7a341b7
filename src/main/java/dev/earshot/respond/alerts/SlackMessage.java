package dev.earshot.respond.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An alert as a Slack incoming-webhook message in Block Kit: what, where, how much worse than the baseline or
 * the peers, a few evidence posts and a link to the dashboard. {@code text} is the notification's fallback.
 *
 * <p>Incoming webhooks cannot reply in a thread (that needs the Web API's {@code chat.postMessage} with
 * {@code thread_ts} and a bot token: {@link SlackPostMessage}). So a follow-up is its own message that names the
 * incident it updates:
 * "Update to incident &lt;id&gt;: ...", and every message shows the incident id, so a channel search for it
 * finds the whole story. An incident none of whose messages got through before it ended gets one message that says
 * it opened and is resolved ({@link MessageKind#OPENED_AND_RESOLVED}).
 */
public final class SlackMessage {

    /** Slack's limits: header text 150 characters, section text 3000, a field 2000. */
    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int EVIDENCE_SHOWN = 3;
    /** The bundled Kibana dashboard (dashboards/kibana). */
    static final String DASHBOARD_PATH = "/app/dashboards#/view/earshot-city-operations";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SlackMessage() {
    }

    /** The webhook's JSON body. */
    public static String render(Alert alert, ThreadPosition position, String dashboardUrl) {
        return Json.write(blockKit(alert, position, dashboardUrl));
    }

    /** The message as a JSON tree: {@code text} and {@code blocks}, to which the Web API adds its arguments. */
    static ObjectNode blockKit(Alert alert, ThreadPosition position, String dashboardUrl) {
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("text", fallbackText(alert, position));
        ArrayNode blocks = message.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        plainText(header.putObject("text"), truncate(title(alert, position), HEADER_MAX));

        StringBuilder lead = new StringBuilder();
        if (position.kind().followsUp()) {
            lead.append("_Update to incident `").append(alert.id()).append("`, first detected ").append(openedAt(alert)).append(" UTC_\n");
        } else if (position.kind() == MessageKind.OPENED_AND_RESOLVED) {
            lead.append("_Incident `").append(alert.id()).append("` opened ").append(openedAt(alert)).append(" UTC and is resolved_\n");
        }
        lead.append('*').append(escape(alert.summary() == null ? "" : alert.summary())).append('*');
        section(blocks, truncate(lead.toString(), SECTION_MAX));

        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        field(fields, "How much worse", howMuchWorse(alert));
        field(fields, interval(alert) ? "Interval" : "Test statistic", interval(alert)
                ? format("at least %.1fx (lower confidence bound)", alert.ratioLower())
                : format("z = %.1f", alert.statistic()));
        field(fields, "Observed", observed(alert.kind(), alert.observed(), alert.posts()));
        field(fields, "Expected", expected(alert.kind(), alert.expected()));
        field(fields, "Window", window(alert.windowStart(), alert.windowEnd()));
        field(fields, "Severity", alert.severity() + "/10" + (position.previousSeverity() != null
                && position.previousSeverity() != alert.severity() ? " (was " + position.previousSeverity() + ")" : ""));

        if (!alert.evidencePostIds().isEmpty()) {
            StringBuilder evidence = new StringBuilder("*Evidence*");
            int shown = Math.min(EVIDENCE_SHOWN, alert.evidencePostIds().size());
            if (shown < alert.evidencePostIds().size()) {
                evidence.append(" (").append(shown).append(" of ").append(alert.evidencePostIds().size()).append(" posts)");
            }
            for (String postId : alert.evidencePostIds().subList(0, shown)) {
                evidence.append("\n• `").append(escape(postId).replace("`", "'")).append('`');
            }
            section(blocks, evidence.toString());
        }

        if (dashboardUrl != null) {
            ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
                    .put("type", "button").put("action_id", "open-dashboard")
                    .put("url", dashboardLink(dashboardUrl, alert));
            plainText(button.putObject("text"), "Open dashboard");
        }

        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "Earshot · incident `" + alert.id() + "` · " + alert.status() + " · " + kindName(alert.kind()));
        return message;
    }

    /** The bundled dashboard over the day before the window up to a little after it, so the rise shows. */
    static String dashboardLink(String dashboardUrl, Alert alert) {
        Instant end = alert.windowEnd() == null ? Instant.now() : alert.windowEnd();
        Instant start = alert.windowStart() == null ? end : alert.windowStart();
        return dashboardUrl + DASHBOARD_PATH + "?_g=(time:(from:'" + start.minus(Duration.ofDays(1)) + "',to:'"
                + end.plus(Duration.ofHours(2)) + "'))";
    }

    private static String fallbackText(Alert alert, ThreadPosition position) {
        String summary = alert.summary() == null ? title(alert, position) : alert.summary();
        return switch (position.kind()) {
            case FIRST -> summary;
            case UPDATE, RESOLUTION -> "Update to incident " + alert.id() + ": " + summary;
            case OPENED_AND_RESOLVED -> "Incident " + alert.id() + " opened " + openedAt(alert) + " UTC and is resolved: " + summary;
        };
    }

    /** When the incident was first detected, to the minute. */
    private static String openedAt(Alert alert) {
        return MINUTE.format(alert.openedAt() == null ? alert.windowEnd() : alert.openedAt());
    }

    private static String title(Alert alert, ThreadPosition position) {
        String subject = topicName(alert.topic()) + " · " + (alert.locationName() == null ? alert.locationId() : alert.locationName());
        return switch (position.kind()) {
            case FIRST -> subject + ": " + kindName(alert.kind());
            case UPDATE -> "Update: " + subject + ", severity " + position.previousSeverity() + " → " + alert.severity();
            case RESOLUTION -> "Resolved: " + subject;
            case OPENED_AND_RESOLVED -> "Opened and resolved: " + subject;
        };
    }

    private static boolean interval(Alert alert) {
        return alert.kind() == AlertKind.PEER_OUTLIER && alert.ratioLower() > 0 && alert.ratioLower() < alert.ratio();
    }

    private static String howMuchWorse(Alert alert) {
        return switch (alert.kind()) {
            case PEER_OUTLIER -> format("%.1fx more negative than other cities", alert.ratio());
            case NEGATIVE_SPIKE -> format("%.1fx more negative than its own baseline", alert.ratio());
            case VOLUME_SURGE -> format("%.1fx its normal volume", alert.ratio());
        };
    }

    private static String observed(AlertKind kind, double observed, long posts) {
        return kind == AlertKind.VOLUME_SURGE ? posts + " posts" : format("%.0f%% negative of %d posts", 100 * observed, posts);
    }

    private static String expected(AlertKind kind, double expected) {
        return kind == AlertKind.VOLUME_SURGE ? format("%.0f posts", expected) : format("%.0f%% negative", 100 * expected);
    }

    private static String window(Instant start, Instant end) {
        if (start == null || end == null) {
            return "unknown";
        }
        return MINUTE.format(start) + "–" + (start.atOffset(ZoneOffset.UTC).toLocalDate().equals(end.atOffset(ZoneOffset.UTC).toLocalDate())
                ? CLOCK.format(end) : MINUTE.format(end)) + " UTC";
    }

    private static String kindName(AlertKind kind) {
        return switch (kind) {
            case PEER_OUTLIER -> "worse than peers";
            case NEGATIVE_SPIKE -> "negative spike";
            case VOLUME_SURGE -> "volume surge";
        };
    }

    /** {@code public_transport} reads as "Public transport". */
    private static String topicName(String topicId) {
        String words = topicId.replace('_', ' ').strip();
        return words.isEmpty() ? topicId : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    }

    private static void field(ArrayNode fields, String label, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + escape(value));
    }

    private static void plainText(ObjectNode node, String text) {
        node.put("type", "plain_text").put("text", text).put("emoji", true);
    }

    /** Slack's mrkdwn treats these three as control characters. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
