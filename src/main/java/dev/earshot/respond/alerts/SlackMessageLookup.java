package dev.earshot.respond.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a {@code slack-api} channel keeps an alert from showing twice, although Slack's {@code chat.postMessage}
 * has no idempotency key. Every message carries the delivery's idempotency key ({@link IdempotencyKeys}) as
 * Slack message metadata, event type {@value #EVENT_TYPE}. Before a send that may repeat one Slack already
 * stored (a retry after an attempt whose answer was lost, or a first send by a writer restored from a checkpoint
 * taken before it), the connector looks for that key: in the thread's {@code conversations.replies} for a
 * reply, in the channel's {@code conversations.history} for a top-level message, from {@code oldest} on, with
 * {@code include_all_metadata=true}. A message found is adopted (its {@code ts} continues the thread) and not
 * posted again.
 *
 * <p>Both methods need the bot scope {@code channels:history} ({@code groups:history} for a private channel).
 * Without it Slack answers {@code missing_scope}: the channel then posts without looking, as before, and the
 * connector says once which scope to add ({@link Outcome.Unavailable}).
 */
public final class SlackMessageLookup {

    public static final String EVENT_TYPE = "earshot_alert";
    static final String HISTORY = "conversations.history";
    static final String REPLIES = "conversations.replies";
    /** Messages per page: Slack's maximum for apps outside its Marketplace (others may ask for more). */
    static final int PAGE_SIZE = 15;
    /** Pages read before giving up the search: 150 messages since {@code oldest}. */
    static final int MAX_PAGES = 10;
    /** A message's ts is Slack's clock, not ours: look from this long before the first attempt. */
    public static final Duration CLOCK_MARGIN = Duration.ofMinutes(2);
    /** How far back a replay looks when its checkpoint does not say when it was taken (written by an older version). */
    static final Duration UNKNOWN_CHECKPOINT_LOOK_BACK = Duration.ofHours(1);

    /** What a lookup found out. */
    public sealed interface Outcome {

        /** The message is in Slack already, as {@code ts}: adopt it, do not post. */
        record Found(String ts) implements Outcome {
        }

        /** Not on this page; read the next one with {@code cursor}. */
        record NextPage(String cursor) implements Outcome {
        }

        /** Not in Slack since {@code oldest}: post it. */
        record NotFound() implements Outcome {
        }

        /**
         * Slack will not answer this lookup (e.g. a missing scope): post as before, and log the warning; when
         * {@code lasting}, the channel stops looking until the job restarts, so the warning is logged once.
         */
        record Unavailable(String warning, boolean lasting) implements Outcome {
        }

        /** Failed this time (throttled, Slack's trouble): the attempt failed and may be retried. */
        record Failed(String failure) implements Outcome {
        }
    }

    /**
     * Where to look for one message, and for which key.
     *
     * @param threadTs the thread the message replies in; null for a top-level message
     * @param oldest messages older than this are not searched
     */
    public record Query(AlertChannel channel, String key, String threadTs, Instant oldest) {

        /**
         * The lookup for the message {@link SlackPostMessage#body} makes of these arguments: it replies in
         * {@code threadTs} when it follows up on an incident's first message.
         */
        public static Query of(Alert alert, ThreadPosition position, AlertChannel channel, String threadTs, Instant oldest) {
            return new Query(channel, IdempotencyKeys.of(alert, channel.name()),
                    position.kind().followsUp() ? threadTs : null, oldest);
        }

        public String method() {
            return threadTs == null ? HISTORY : REPLIES;
        }

        /** The GET request's URL; {@code cursor} is null for the first page. */
        public String url(String cursor) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("channel", channel.slackChannel());
            if (threadTs != null) {
                params.put("ts", threadTs);
            }
            params.put("oldest", ts(oldest));
            params.put("inclusive", "true");
            params.put("limit", Integer.toString(PAGE_SIZE));
            params.put("include_all_metadata", "true");
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            return channel.apiUrl() + "/" + method() + "?" + params.entrySet().stream()
                    .map(param -> param.getKey() + "=" + URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }

        /** Slack's answer for page number {@code page} (1-based). */
        public Outcome read(int status, String body, int page) {
            JsonNode answer = SlackPostMessage.slackAnswer(body);
            if (answer == null) {
                String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
                return status / 100 == 2 || !DeliveryPolicy.isRetryable(status)
                        ? unavailable(method() + " answered HTTP " + status + " without Slack's JSON answer" + shown(text), false)
                        : new Outcome.Failed(method() + ": HTTP " + status + shown(text));
            }
            if (status / 100 == 2 && answer.path("ok").asBoolean()) {
                for (JsonNode message : answer.path("messages")) {
                    if (isOurs(message)) {
                        return new Outcome.Found(message.path("ts").asText());
                    }
                }
                String cursor = answer.path("response_metadata").path("next_cursor").asText("");
                return answer.path("has_more").asBoolean() && !cursor.isEmpty() && page < MAX_PAGES
                        ? new Outcome.NextPage(cursor) : new Outcome.NotFound();
            }
            String error = answer.path("error").asText("unknown_error");
            String failure = method() + (status == 200 ? "" : ": HTTP " + status) + ": Slack error " + error;
            if (error.equals("missing_scope")) {
                String needed = answer.path("needed").asText("");
                return unavailable(failure + "; add the bot scope " + (needed.isEmpty()
                        ? "channels:history (groups:history for a private channel)" : needed)
                        + " under OAuth & Permissions and reinstall the app", true);
            }
            if (SlackPostMessage.RETRYABLE.contains(error) || status / 100 != 2 && DeliveryPolicy.isRetryable(status)) {
                return new Outcome.Failed(failure);
            }
            return unavailable(failure, false);
        }

        /** Whether a message of Slack's answer is this one: our event type and our key in its metadata. */
        boolean isOurs(JsonNode message) {
            JsonNode metadata = message.path("metadata");
            return EVENT_TYPE.equals(metadata.path("event_type").asText())
                    && key.equals(metadata.path("event_payload").path("key").asText())
                    && message.path("ts").isTextual();
        }

        private Outcome unavailable(String failure, boolean lasting) {
            return new Outcome.Unavailable("channel '" + channel.name() + "' (slack-api): cannot look in Slack for a message "
                    + "an earlier attempt or run may have posted (" + failure + "); posting without looking"
                    + (lasting ? " until the job restarts" : "") + ", so a retry after a lost answer or a replay may post an "
                    + "alert twice", lasting);
        }
    }

    private SlackMessageLookup() {
    }

    /**
     * From when on to look for a message whose first attempt starts at {@code firstAttempt}: a little before it,
     * or, when replaying from a checkpoint taken at {@code checkpointedAt}, a little before the checkpoint (the
     * message may have been posted by the run that failed after it).
     *
     * @param replaying whether the writer replays from a checkpoint
     * @param checkpointedAt when that checkpoint was taken; null when it does not say
     */
    public static Instant oldest(Instant firstAttempt, boolean replaying, Instant checkpointedAt) {
        Instant oldest = firstAttempt.minus(CLOCK_MARGIN);
        if (replaying) {
            Instant replayed = checkpointedAt == null ? firstAttempt.minus(UNKNOWN_CHECKPOINT_LOOK_BACK) : checkpointedAt.minus(CLOCK_MARGIN);
            return replayed.isBefore(oldest) ? replayed : oldest;
        }
        return oldest;
    }

    /** The metadata {@link SlackPostMessage#body} attaches, which a lookup recognises the message by. */
    static ObjectNode metadata(String key) {
        ObjectNode metadata = Json.mapper().createObjectNode().put("event_type", EVENT_TYPE);
        metadata.putObject("event_payload").put("key", key);
        return metadata;
    }

    /** An instant as a Slack timestamp: Unix seconds, a dot, six digits of microseconds. */
    static String ts(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%06d", instant.getNano() / 1_000);
    }

    private static String shown(String text) {
        return text.isEmpty() ? "" : ": " + SlackPostMessage.shorten(text);
    }
}
