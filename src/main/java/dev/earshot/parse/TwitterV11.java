package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.PostDeletion;
import java.time.Instant;

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
        JsonNode original = status.path("retweeted_status");
        String at = original.isObject() ? "retweeted_status." : "";
        JsonNode checked = original.isObject() ? original : status;
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
}
