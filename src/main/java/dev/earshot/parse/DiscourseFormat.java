package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.Author;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Discourse posts: the {@code /posts.json} page ({@code latest_posts}), one post, or a post webhook's body
 * ({@code {"post": {...}}}, sent for {@code post_created}, {@code post_edited}, {@code post_destroyed} and
 * {@code post_recovered}). A post's id is {@code discourse:<topic_id>/<post_number>}, the forum's own address of a
 * post, so that a reply ({@code reply_to_post_number}) names its parent's id; the topic's first post is the
 * conversation. The text is {@code raw} (Markdown) when present, else the plain text of {@code cooked}.
 *
 * <p>A post whose {@code version} is above 1 was revised: its {@code editedAt} is {@code updated_at}, when the
 * forum shows the pencil of an edited post, so that deduplication passes a revision as an edit. Edits within the
 * forum's grace period (five minutes by default) make no new version and stay duplicates. A post with
 * {@code deleted_at} set, or withdrawn by its author ({@code user_deleted}), is a deletion; recovered later, it stays
 * deleted for Earshot, as any deleted post does. Posts that are not a member's public words (moderator actions, small
 * actions, whispers: {@code post_type} 2-4) are skipped.
 */
final class DiscourseFormat implements PostFormat {

    static final String NAME = "discourse";

    private static final int REGULAR = 1;

    /** Discourse's other post types: the forum's own notes (an empty text, or "closed this topic") and staff asides. */
    private static final Map<Integer, String> NOT_POSTS = Map.of(2, "moderator action", 3, "small action such as "
            + "closing a topic", 4, "whisper, seen by staff only");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(JsonNode tree) {
        return tree.has("latest_posts") || isPost(tree) || isPost(tree.path("post"));
    }

    private static boolean isPost(JsonNode tree) {
        return tree.has("topic_id") && tree.has("post_number") && (tree.has("cooked") || tree.has("raw"));
    }

    @Override
    public List<ParseResult> read(JsonNode tree, String raw) {
        if (!tree.has("latest_posts")) {
            return isPost(tree) ? List.of(result(tree, "")) : List.of(result(tree.get("post"), "post."));
        }
        JsonNode posts = tree.get("latest_posts");
        if (!posts.isArray()) {
            throw MalformedRecordException.wrong("latest_posts", "must be an array, found " + Fields.type(posts));
        }
        List<ParseResult> results = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            JsonNode post = posts.get(i);
            String path = "latest_posts[" + i + "].";
            results.add(Fields.item(NAME, raw, () -> result(post, path)));
        }
        return results;
    }

    private static ParseResult result(JsonNode post, String path) {
        String topic = Fields.requiredId(post, "topic_id", path + "topic_id");
        String number = Fields.requiredId(post, "post_number", path + "post_number");
        String id = NAME + ":" + topic + "/" + number;
        JsonNode userId = post.get("user_id");
        String authorId = userId != null && userId.canConvertToLong() ? userId.asText() : null;
        Instant deletedAt = Fields.optionalInstant(post, "deleted_at", path + "deleted_at");
        if (deletedAt != null || post.path("user_deleted").asBoolean(false)) {
            return new ParseResult.Deletion(PostDeletion.of(id, authorId, deletedAt));
        }
        int postType = post.path("post_type").asInt(REGULAR);
        if (NOT_POSTS.containsKey(postType)) {
            return new ParseResult.Skipped("discourse " + NOT_POSTS.get(postType) + " (post_type " + postType + ")");
        }
        return new ParseResult.Valid(post(post, path, topic, id, authorId));
    }

    private static Post post(JsonNode post, String path, String topic, String id, String authorId) {
        String markdown = Fields.optionalText(post, "raw", path + "raw");
        String text = markdown != null && !markdown.isBlank() ? markdown.strip()
                : HtmlText.of(Fields.requiredText(post, "cooked", path + "cooked"));
        if (text.isBlank()) {
            throw MalformedRecordException.wrong(path + "cooked", "has no text");
        }
        String username = Fields.requiredText(post, "username", path + "username");
        JsonNode replyTo = post.get("reply_to_post_number");
        String replyToId = replyTo == null || replyTo.isNull() ? null
                : NAME + ":" + topic + "/" + Fields.requiredId(post, "reply_to_post_number", path + "reply_to_post_number");
        JsonNode version = post.get("version");
        Instant editedAt = version != null && version.canConvertToInt() && version.asInt() > 1
                ? Fields.optionalInstant(post, "updated_at", path + "updated_at") : null;
        return new Post(id, NAME, Fields.requiredInstant(post, "created_at", path + "created_at"),
                text, null, new Author(authorId != null ? authorId : username, username, 0, null),
                null, null, NAME + ":" + topic + "/1", replyToId,
                Fields.member(post.path("reply_to_user"), "username"), null, TextEntities.hashtags(text),
                TextEntities.mentions(text), editedAt);
    }
}
