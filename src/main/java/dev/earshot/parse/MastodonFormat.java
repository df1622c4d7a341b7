package dev.earshot.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.json.Json;
import dev.earshot.model.Author;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import java.util.List;
import java.util.Objects;

/**
 * Mastodon: a status entity, a streaming event as the server-sent-events text ({@code event: update} then
 * {@code data: {...}}), or as the WebSocket JSON ({@code {"event":"update","payload":"{...}"}}). {@code update} is a
 * post, {@code status.update} an edit, {@code delete} a deletion; other events carry no post. A boost is read as the
 * boosted status, so that many boosts of one status are one post. A status's {@code edited_at} (Mastodon 3.5+: when
 * its author last edited it, by the author's server; null if never) is the post's {@code editedAt}, also in a boost,
 * so that a boost of a status edited since the job passed it brings the new version ({@code PostLedger}).
 */
final class MastodonFormat implements PostFormat {

    static final String NAME = "mastodon";

    private final ObjectMapper mapper = Json.mapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(JsonNode tree) {
        return (tree.path("account").isObject() && tree.has("content"))
                || (tree.path("event").isTextual() && tree.has("payload"));
    }

    @Override
    public List<ParseResult> read(JsonNode tree, String raw) {
        if (tree.has("event") && tree.has("payload")) {
            JsonNode payload = tree.get("payload");
            return List.of(event(Fields.requiredText(tree, "event", "event"),
                    payload.isTextual() ? payload.asText() : payload.toString()));
        }
        return List.of(new ParseResult.Valid(status(tree)));
    }

    static boolean isStreamingText(String raw) {
        String start = raw.stripLeading();
        return start.startsWith("event:") || start.startsWith(":");
    }

    /** One server-sent event: its {@code event:} line, {@code data:} lines (joined) and comments (heartbeats). */
    List<ParseResult> readStreamingText(String raw) {
        String event = null;
        StringBuilder data = null;
        for (String line : raw.lines().toList()) {
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(line.substring("data:".length()).strip());
            }
        }
        if (event == null) {
            return List.of(new ParseResult.Skipped(NAME + ": a heartbeat or comment carries no post"));
        }
        if (data == null) {
            throw MalformedRecordException.missing("data");
        }
        return List.of(event(event, data.toString()));
    }

    private ParseResult event(String event, String payload) {
        return switch (event) {
            case "update" -> new ParseResult.Valid(status(json(payload)));
            case "status.update" -> new ParseResult.Edited(status(json(payload)));
            case "delete" -> {
                if (payload.isBlank()) {
                    throw MalformedRecordException.wrong("data", "of a delete event must hold the status id");
                }
                // Mastodon names neither the author nor the time of a deletion.
                yield new ParseResult.Deletion(PostDeletion.of(NAME + ":" + payload.strip(), null, null));
            }
            default -> new ParseResult.Skipped(NAME + ": event '" + event + "' carries no post");
        };
    }

    private JsonNode json(String payload) {
        try {
            JsonNode status = mapper.readTree(payload);
            if (status == null || !status.isObject()) {
                throw MalformedRecordException.wrong("data", "must be a status object");
            }
            return status;
        } catch (JsonProcessingException e) {
            throw MalformedRecordException.wrong("data", "is not valid JSON: " + JsonSyntax.problem(e));
        }
    }

    private static Post status(JsonNode status) {
        JsonNode reblog = status.get("reblog");
        if (reblog != null && reblog.isObject()) {
            return status(reblog);
        }
        String id = Fields.requiredText(status, "id", "id");
        JsonNode account = Fields.requiredObject(status, "account", "account");
        String acct = Fields.optionalText(account, "acct", "account.acct");
        String content = HtmlText.of(Objects.requireNonNullElse(Fields.optionalText(status, "content", "content"), ""));
        String warning = Fields.optionalText(status, "spoiler_text", "spoiler_text");
        String text = warning == null || warning.isBlank() ? content : warning + "\n\n" + content;
        if (text.isBlank()) {
            throw MalformedRecordException.wrong("content", "has no text");
        }
        String replyToAccount = Fields.optionalText(status, "in_reply_to_account_id", "in_reply_to_account_id");
        String replyTo = Fields.optionalText(status, "in_reply_to_id", "in_reply_to_id");
        List<String> mentions = Fields.each(status, "mentions", "mentions", m -> Fields.member(m, "acct"));
        String replyToHandle = replyToAccount == null ? null
                : replyToAccount.equals(Fields.member(account, "id")) ? acct
                : Fields.each(status, "mentions", "mentions",
                        m -> replyToAccount.equals(Fields.member(m, "id")) ? Fields.member(m, "acct") : null)
                        .stream().findFirst().orElse(null);
        return new Post(NAME + ":" + id, NAME, Fields.requiredInstant(status, "created_at", "created_at"), text,
                Fields.optionalText(status, "language", "language"),
                new Author(Fields.requiredText(account, "id", "account.id"), acct,
                        Fields.optionalCount(account, "followers_count", "account.followers_count"), null),
                null, null, null, replyTo == null ? null : NAME + ":" + replyTo, replyToHandle,
                Fields.optionalText(status, "url", "url"),
                Fields.each(status, "tags", "tags", t -> Fields.member(t, "name")), mentions,
                Fields.optionalInstant(status, "edited_at", "edited_at"));
    }
}
