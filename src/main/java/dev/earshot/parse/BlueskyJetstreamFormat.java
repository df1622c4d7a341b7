package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.Author;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Bluesky Jetstream events. A commit to {@code app.bsky.feed.post} is a post ({@code create}), an edit
 * ({@code update}) or a deletion ({@code delete}); identity and account events and other collections (likes,
 * follows) carry no post. A post's id is {@code bluesky:at://<did>/app.bsky.feed.post/<rkey>}, its AT URI: the
 * rkey alone is unique only per author. Jetstream names no handles, so the author has its DID only; mentions are
 * read from the text the facets point at, which is how the post shows them. A record's {@code langs} (up to three;
 * the lexicon gives them no order) give the post's {@code lang}, the first, and its {@code langs} when there are several.
 */
final class BlueskyJetstreamFormat implements PostFormat {

    static final String NAME = "bluesky-jetstream";
    private static final String POSTS = "app.bsky.feed.post";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(JsonNode tree) {
        return tree.has("did") && tree.has("time_us") && tree.has("kind");
    }

    @Override
    public List<ParseResult> read(JsonNode tree, String raw) {
        String kind = Fields.requiredText(tree, "kind", "kind");
        if (!kind.equals("commit")) {
            return List.of(new ParseResult.Skipped(NAME + ": a " + kind + " event carries no post"));
        }
        String did = Fields.requiredText(tree, "did", "did");
        JsonNode commit = Fields.requiredObject(tree, "commit", "commit");
        String collection = Fields.requiredText(commit, "collection", "commit.collection");
        if (!collection.equals(POSTS)) {
            return List.of(new ParseResult.Skipped(NAME + ": collection " + collection + " holds no posts"));
        }
        String rkey = Fields.requiredText(commit, "rkey", "commit.rkey");
        String id = "bluesky:at://" + did + "/" + POSTS + "/" + rkey;
        String operation = Fields.requiredText(commit, "operation", "commit.operation");
        return switch (operation) {
            case "delete" -> List.of(new ParseResult.Deletion(PostDeletion.of(id, did, eventTime(tree))));
            case "create" -> List.of(new ParseResult.Valid(post(id, did, rkey, commit, null)));
            case "update" -> List.of(new ParseResult.Edited(post(id, did, rkey, commit, eventTime(tree))));
            default -> throw MalformedRecordException.wrong("commit.operation",
                    "must be create, update or delete, was \"" + operation + "\"");
        };
    }

    @Override
    public Instant receivedAt(JsonNode tree) {
        return eventTime(tree);
    }

    /** When Jetstream saw the event ({@code time_us}, microseconds since the epoch), or null when it is no number. */
    private static Instant eventTime(JsonNode tree) {
        JsonNode micros = tree.get("time_us");
        return micros != null && micros.canConvertToLong()
                ? Instant.EPOCH.plusNanos(Math.multiplyExact(micros.asLong(), 1000L)) : null;
    }

    /**
     * The post a commit's record holds. {@code editedAt} is an update's event time: a record has only the
     * {@code createdAt} its author's app wrote, and {@code time_us}, when Jetstream received the commit from the relay
     * (a second or so after the author's server wrote it), is the network's own clock, as for deletions. The
     * commit's {@code rev} is the author's server's clock and nothing checks it.
     */
    private static Post post(String id, String did, String rkey, JsonNode commit, Instant editedAt) {
        JsonNode record = Fields.requiredObject(commit, "record", "commit.record");
        String text = Fields.requiredText(record, "text", "commit.record.text");
        List<String> langs = Fields.each(record, "langs", "commit.record.langs", lang -> lang.isTextual() ? lang.asText() : null);
        JsonNode reply = record.path("reply");
        String parent = reply.path("parent").path("uri").isTextual() ? "bluesky:" + reply.path("parent").path("uri").asText() : null;
        String root = reply.path("root").path("uri").isTextual() ? "bluesky:" + reply.path("root").path("uri").asText() : null;
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<String> hashtags = Fields.each(record, "facets", "commit.record.facets", facet -> feature(facet, "tag", utf8));
        List<String> mentions = Fields.each(record, "facets", "commit.record.facets", facet -> feature(facet, "mention", utf8));
        return new Post(id, "bluesky", Fields.requiredInstant(record, "createdAt", "commit.record.createdAt"), text,
                langs.isEmpty() ? null : langs.get(0), new Author(did, null, 0, null), null, null,
                root, parent, null, "https://bsky.app/profile/" + did + "/post/" + rkey, hashtags, mentions, editedAt,
                langs.size() > 1 ? langs : null);
    }

    /**
     * A facet's hashtag (its {@code tag}) or mention (the handle it covers in the text, by UTF-8 byte offsets), or
     * null when the facet is of another kind or points outside the text.
     */
    private static String feature(JsonNode facet, String kind, byte[] utf8) {
        for (JsonNode feature : facet.path("features")) {
            String type = feature.path("$type").asText();
            if (kind.equals("tag") && type.equals("app.bsky.richtext.facet#tag")) {
                return Fields.member(feature, "tag");
            }
            if (kind.equals("mention") && type.equals("app.bsky.richtext.facet#mention")) {
                int start = facet.path("index").path("byteStart").asInt(-1);
                int end = facet.path("index").path("byteEnd").asInt(-1);
                if (start < 0 || end > utf8.length || start >= end) {
                    return Fields.member(feature, "did");
                }
                String handle = new String(Arrays.copyOfRange(utf8, start, end), StandardCharsets.UTF_8);
                return handle.startsWith("@") ? handle.substring(1) : handle;
            }
        }
        return null;
    }
}
