package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.Author;
import dev.earshot.model.Post;
import java.util.ArrayList;
import java.util.List;

/**
 * Discourse posts: the {@code /posts.json} page ({@code latest_posts}) or one post. A post's id is
 * {@code discourse:<topic_id>/<post_number>}, the forum's own address of a post, so that a reply
 * ({@code reply_to_post_number}) names its parent's id; the topic's first post is the conversation. The text is
 * {@code raw} (Markdown) when present, else the plain text of {@code cooked}.
 */
final class DiscourseFormat implements PostFormat {

    static final String NAME = "discourse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(JsonNode tree) {
        return tree.has("latest_posts")
                || (tree.has("topic_id") && tree.has("post_number") && (tree.has("cooked") || tree.has("raw")));
    }

    @Override
    public List<ParseResult> read(JsonNode tree, String raw) {
        if (!tree.has("latest_posts")) {
            return List.of(new ParseResult.Valid(post(tree, "")));
        }
        JsonNode posts = tree.get("latest_posts");
        if (!posts.isArray()) {
            throw MalformedRecordException.wrong("latest_posts", "must be an array, found " + Fields.type(posts));
        }
        List<ParseResult> results = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            JsonNode post = posts.get(i);
            String path = "latest_posts[" + i + "].";
            results.add(Fields.item(NAME, raw, () -> new ParseResult.Valid(post(post, path))));
        }
        return results;
    }

    private static Post post(JsonNode post, String path) {
        String topic = Fields.requiredId(post, "topic_id", path + "topic_id");
        String number = Fields.requiredId(post, "post_number", path + "post_number");
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
        JsonNode userId = post.get("user_id");
        return new Post(NAME + ":" + topic + "/" + number, NAME, Fields.requiredInstant(post, "created_at", path + "created_at"),
                text, null, new Author(userId != null && userId.canConvertToLong() ? userId.asText() : username, username, 0, null),
                null, null, NAME + ":" + topic + "/1", replyToId,
                Fields.member(post.path("reply_to_user"), "username"), null, TextEntities.hashtags(text),
                TextEntities.mentions(text));
    }
}
