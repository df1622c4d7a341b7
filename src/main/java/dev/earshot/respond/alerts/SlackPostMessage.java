package dev.earshot.respond.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import java.util.Map;
import java.util.Set;

/**
 * A {@code slack-api} channel's side of Slack's Web API method {@code chat.postMessage}: the request body and how
 * to read the answer. The connector POSTs the body as {@code application/json; charset=utf-8} with
 * {@code Authorization: Bearer <bot token>} to {@link #url}.
 *
 * <p>The body is the {@link SlackMessage} Block Kit message plus {@code channel}. An incident's follow-ups
 * (updates, resolution) carry {@code thread_ts}, the {@code ts} Slack answered for its first message, so they are
 * replies in its thread; the resolution also sets {@code reply_broadcast}, so the channel, not only the people
 * following the thread, sees the incident closed. Updates stay in the thread: the channel already has the
 * incident, and an incident's updates are what a thread is for. A follow-up whose thread is unknown (a writer
 * restored from a checkpoint of an earlier release, which kept no thread for it) is posted top-level and names its
 * incident, as the webhook's; so is the one message of an incident that none of its messages reached before it ended.
 * A failed first message leaves no such follow-up: the incident's next version becomes its first message.
 * Every message carries its delivery's idempotency key as message metadata, by which {@link SlackMessageLookup}
 * finds it when an attempt's answer was lost.
 *
 * <p>Slack answers HTTP 200 with {@code {"ok":true,"channel":"C…","ts":"1503435956.000247",…}}, or with
 * {@code {"ok":false,"error":"channel_not_found"}}: an error, though the status is 200. Rate limiting is HTTP 429
 * with {@code Retry-After} (and {@code "error":"ratelimited"}).
 */
public final class SlackPostMessage {

    public static final String METHOD = "chat.postMessage";
    private static final int SHOWN = 200;

    /**
     * Errors that another attempt may not meet: throttling and trouble on Slack's side. Every other error (bad
     * token, unknown channel, app not in the channel, archived channel, invalid blocks) will be the same next time.
     */
    static final Set<String> RETRYABLE = Set.of("ratelimited", "rate_limited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");

    /** Errors after which the message may be posted all the same: Slack documents that part of the call may have succeeded. */
    static final Set<String> MAY_HAVE_POSTED = Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

    /** What to do about the errors a misconfigured channel meets, for the dead letter. */
    static final Map<String, String> FIXES = Map.of(
            "invalid_auth", "the token in tokenEnv is not valid: use the app's Bot User OAuth Token (xoxb-...)",
            "not_authed", "no token reached Slack: set tokenEnv's variable to the app's Bot User OAuth Token (xoxb-...)",
            "token_revoked", "the token was revoked or the app removed: reinstall the app and update tokenEnv's variable",
            "account_inactive", "the token belongs to a deleted user or workspace: reinstall the app",
            "missing_scope", "the app lacks the chat:write scope: add it under OAuth & Permissions and reinstall the app",
            "channel_not_found", "check slackChannel (the channel's ID); a private channel must invite the app first",
            "not_in_channel", "invite the app to the channel (/invite @app-name in Slack)",
            "is_archived", "the channel is archived: unarchive it or choose another slackChannel");

    /** How Slack answered. */
    public sealed interface Answer {

        /** Posted; {@code ts} identifies the message (null only if Slack left it out). */
        record Posted(String channel, String ts) implements Answer {
        }

        /**
         * Not posted, or not known to be: why, in words for the dead letter, whether another attempt may succeed,
         * and whether Slack may have posted the message all the same (a server error), so that one should look
         * before posting again.
         */
        record Refused(String failure, boolean retryable, boolean mayHavePosted) implements Answer {

            /** Slack says it did not post. */
            public Refused(String failure, boolean retryable) {
                this(failure, retryable, false);
            }
        }
    }

    private SlackPostMessage() {
    }

    /** Where a slack-api channel posts. */
    public static String url(AlertChannel channel) {
        return channel.apiUrl() + "/" + METHOD;
    }

    /**
     * The JSON body: the Block Kit message for this position in the thread, posted to the channel's
     * {@code slackChannel}, as a reply to {@code threadTs} when it is known, with the delivery's idempotency key in
     * its metadata.
     */
    public static String body(Alert alert, ThreadPosition position, AlertChannel channel, String threadTs) {
        ObjectNode body = Json.mapper().createObjectNode().put("channel", channel.slackChannel());
        body.setAll(SlackMessage.blockKit(alert, position, channel.dashboardUrl()));
        if (threadTs != null && position.kind().followsUp()) {
            body.put("thread_ts", threadTs);
            if (position.kind() == MessageKind.RESOLUTION) {
                body.put("reply_broadcast", true);
            }
        }
        body.set("metadata", SlackMessageLookup.metadata(IdempotencyKeys.of(alert, channel.name())));
        return Json.write(body);
    }

    /** Slack's answer to one attempt. */
    public static Answer read(int status, String body) {
        String text = body == null ? "" : body.strip();
        JsonNode answer = slackAnswer(text);
        boolean success = status / 100 == 2;
        if (answer == null) {
            String shown = text.isEmpty() ? "" : ": " + shorten(text.replaceAll("\\s+", " "));
            return success
                    ? new Answer.Refused("HTTP " + status + " without Slack's JSON answer" + shown, false)
                    : new Answer.Refused("HTTP " + status + shown, DeliveryPolicy.isRetryable(status), status >= 500);
        }
        if (success && answer.path("ok").asBoolean()) {
            return new Answer.Posted(answer.path("channel").asText(null), answer.path("ts").asText(null));
        }
        String error = answer.path("error").asText("unknown_error");
        StringBuilder failure = new StringBuilder();
        if (status != 200) {
            failure.append("HTTP ").append(status).append(", ");
        }
        failure.append("Slack error ").append(error);
        JsonNode details = answer.path("response_metadata").path("messages");
        if (details.isArray() && !details.isEmpty()) {
            failure.append(" (").append(shorten(details.get(0).asText())).append(')');
        }
        if (FIXES.containsKey(error)) {
            failure.append(": ").append(FIXES.get(error));
        }
        boolean retryable = RETRYABLE.contains(error) || !success && DeliveryPolicy.isRetryable(status);
        return new Answer.Refused(failure.toString(), retryable, MAY_HAVE_POSTED.contains(error) || status >= 500);
    }

    /** Slack's JSON answer, an object with a boolean {@code ok}; null for anything else (an HTML error page, nothing). */
    static JsonNode slackAnswer(String body) {
        try {
            JsonNode tree = body == null || body.isBlank() ? null : Json.mapper().readTree(body);
            return tree != null && tree.isObject() && tree.path("ok").isBoolean() ? tree : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code text} cut to what an error message shows of an answer. */
    static String shorten(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }
}
