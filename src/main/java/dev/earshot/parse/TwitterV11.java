package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.PostDeletion;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The shape of Twitter/X API v1.1 JSON: a status ({@code id_str}, {@code created_at}, {@code user}) or a stream's
 * delete notice ({@code {"delete":{"status":{"id_str":..}}}}). The mapping itself uses twitter4j and lives in the
 * connectors ({@code dev.earshot.connectors.twitter.TwitterV11Format}), keeping the core free of it.
 */
public final class TwitterV11 {

    public static final String NAME = "twitter-v1.1";

    private TwitterV11() {
    }

    public static boolean recognises(JsonNode tree) {
        return (tree.has("id_str") && tree.has("created_at") && tree.path("user").isObject()) || isDeleteNotice(tree);
    }

    public static boolean isDeleteNotice(JsonNode tree) {
        return tree.path("delete").path("status").isObject();
    }

    /**
     * A delete notice ({@code {"delete":{"status":{"id_str":..,"user_id_str":..},"timestamp_ms":".."}}}) as a
     * deletion, or a {@link MalformedRecordException} naming the field.
     */
    public static PostDeletion deletion(JsonNode tree) {
        JsonNode status = tree.path("delete").path("status");
        JsonNode millis = tree.path("delete").path("timestamp_ms");
        Instant deletedAt = millis.canConvertToLong() || millis.asText().matches("\\d{1,18}")
                ? Instant.ofEpochMilli(millis.asLong()) : null;
        return PostDeletion.of("twitter:" + Fields.requiredText(status, "id_str", "delete.status.id_str"),
                Fields.optionalText(status, "user_id_str", "delete.status.user_id_str"), deletedAt);
    }

    /**
     * Checks the fields a post needs before twitter4j reads the status (its errors do not name fields); a retweet is
     * checked on the retweeted status, which is the post it becomes.
     */
    public static void requireFields(JsonNode status) {
        String at = postedPath(status);
        JsonNode checked = posted(status);
        Fields.requiredText(checked, "id_str", at + "id_str");
        Fields.requiredText(checked, "created_at", at + "created_at");
        JsonNode user = Fields.requiredObject(checked, "user", at + "user");
        Fields.requiredText(user, "id_str", at + "user.id_str");
        String text = checked.path("extended_tweet").path("full_text").isTextual() ? checked.path("extended_tweet").path("full_text").asText()
                : checked.path("full_text").isTextual() ? checked.path("full_text").asText()
                : Fields.requiredText(checked, "text", at + "text");
        if (text.isBlank()) {
            throw MalformedRecordException.wrong(at + "text", "is empty");
        }
    }

    /**
     * The versions of the tweet a status posts (the retweeted one for a retweet), which twitter4j does not read.
     * Enterprise payloads (PowerTrack, Historical) carry {@code edit_history: {initial_tweet_id, edit_tweet_ids}};
     * standard endpoints asked with {@code include_ext_edit_control=true} carry {@code ext_edit_control}, holding
     * {@code initial: {edit_tweet_ids}} in an original and {@code edit: {initial_tweet_id, edit_control_initial:
     * {edit_tweet_ids}}} in an edit. The standard {@code statuses/filter} and {@code statuses/sample} streams carry
     * neither (X's "Edit Tweets" documentation for v1.1), so an edit read from them is a post of its own. Call after
     * {@link #requireFields}.
     */
    public static TweetEditHistory versions(JsonNode status) {
        String at = postedPath(status);
        JsonNode tweet = posted(status);
        String ownId = tweet.get("id_str").asText();
        if (tweet.hasNonNull("edit_history")) {
            JsonNode history = Fields.requiredObject(tweet, "edit_history", at + "edit_history");
            return startingWith(listed(history, at + "edit_history.edit_tweet_ids", ownId), history, at + "edit_history.initial_tweet_id");
        }
        if (!tweet.hasNonNull("ext_edit_control")) {
            return TweetEditHistory.unedited(ownId);
        }
        JsonNode control = Fields.requiredObject(tweet, "ext_edit_control", at + "ext_edit_control");
        if (!control.has("edit")) {
            JsonNode initial = Fields.requiredObject(control, "initial", at + "ext_edit_control.initial");
            return listed(initial, at + "ext_edit_control.initial.edit_tweet_ids", ownId);
        }
        String path = at + "ext_edit_control.edit";
        JsonNode edit = Fields.requiredObject(control, "edit", path);
        if (!edit.hasNonNull("edit_control_initial")) {
            String initialId = TweetEditHistory.tweetId(edit.get("initial_tweet_id"), path + ".initial_tweet_id");
            return new TweetEditHistory(Stream.of(initialId, ownId).distinct().toList(), ownId, path + ".initial_tweet_id");
        }
        JsonNode initial = Fields.requiredObject(edit, "edit_control_initial", path + ".edit_control_initial");
        return startingWith(listed(initial, path + ".edit_control_initial.edit_tweet_ids", ownId), edit, path + ".initial_tweet_id");
    }

    private static TweetEditHistory listed(JsonNode parent, String path, String ownId) {
        JsonNode ids = parent.get("edit_tweet_ids");
        if (ids == null || ids.isNull()) {
            throw MalformedRecordException.missing(path);
        }
        return TweetEditHistory.listed(ids, path, ownId);
    }

    /** Checks that the versions start with the one {@code initial_tweet_id} names as the original. */
    private static TweetEditHistory startingWith(TweetEditHistory versions, JsonNode parent, String field) {
        String initialId = TweetEditHistory.tweetId(parent.get("initial_tweet_id"), field);
        if (!initialId.equals(versions.originalId())) {
            throw MalformedRecordException.wrong(field, "must be the first of the versions' ids " + versions.ids() + ", was " + initialId);
        }
        return versions;
    }

    /** The status that becomes the post: the retweeted one for a retweet. */
    private static JsonNode posted(JsonNode status) {
        JsonNode original = status.path("retweeted_status");
        return original.isObject() ? original : status;
    }

    private static String postedPath(JsonNode status) {
        return status.path("retweeted_status").isObject() ? "retweeted_status." : "";
    }
}
