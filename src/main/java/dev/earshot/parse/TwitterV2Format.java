package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.Author;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Twitter/X API v2: a response ({@code data} one tweet or an array of them) with its {@code includes} (users,
 * places, tweets), as lookups, searches and the filtered stream return it. Each tweet is one post; a malformed tweet
 * is a dead letter while its siblings still count. Needs {@code tweet.fields=created_at,author_id} at least. A
 * retweet is read as the original tweet when {@code includes.tweets} holds it (many retweets, one post), else
 * skipped with its reason. A response of only {@code errors} (such as the filtered stream's operational disconnect)
 * is a dead letter that gives the API's reason. An edited version (its id not the first of its
 * {@code edit_history_tweet_ids}) is an edit of the original: the post keeps the original's id and time, and its
 * {@code editedAt} is this version's {@code created_at}; a retweet of one reads as the post, edited, as a Mastodon
 * boost of an edited status does.
 */
final class TwitterV2Format implements PostFormat {

    static final String NAME = "twitter-v2";
    /** The compliance stream's events besides {@code delete}; they name no post Earshot keeps. */
    private static final Set<String> COMPLIANCE_EVENTS = Set.of("withheld", "drop", "undrop", "scrub_geo",
            "user_delete", "user_undelete", "user_suspend", "user_unsuspend", "user_withheld", "user_protect",
            "user_unprotect", "user_profile_modification", "tweet_edit");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(JsonNode tree) {
        JsonNode data = tree.path("data");
        return data.isArray() || data.isObject() || (data.isMissingNode() && tree.path("errors").isArray());
    }

    @Override
    public List<ParseResult> read(JsonNode tree, String raw) {
        JsonNode data = tree.get("data");
        if (data == null && tree.path("errors").isArray()) {
            JsonNode error = tree.path("errors").path(0);
            throw new MalformedRecordException("the API sent an error, not a post: " + error.path("title").asText("(untitled)")
                    + (error.path("detail").isTextual() ? ": " + error.path("detail").asText() : ""));
        }
        if (data == null || !(data.isArray() || data.isObject())) {
            throw data == null ? MalformedRecordException.missing("data")
                    : MalformedRecordException.wrong("data", "must be a tweet or an array of tweets, found " + Fields.type(data));
        }
        if (data.isObject() && !data.has("id")) {
            return List.of(compliance(data));
        }
        Includes includes = new Includes(tree.path("includes"));
        if (data.isObject()) {
            return List.of(Fields.item(NAME, raw, () -> tweet(data, "data.", includes)));
        }
        List<ParseResult> results = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode tweet = data.get(i);
            String path = "data[" + i + "].";
            results.add(Fields.item(NAME, raw, () -> tweet(tweet, path, includes)));
        }
        return results;
    }

    /**
     * A compliance stream event ({@code GET /2/tweets/compliance/stream}), as replay files keep them:
     * {@code {"data":{"delete":{"tweet":{"id":..,"author_id":..},"event_at":..}}}} is a deletion; other events
     * (withheld, scrub_geo, user events, ...) carry no post.
     */
    private static ParseResult compliance(JsonNode data) {
        JsonNode delete = data.get("delete");
        if (delete == null) {
            String event = data.fieldNames().hasNext() ? data.fieldNames().next() : "(empty)";
            if (!COMPLIANCE_EVENTS.contains(event)) {
                throw MalformedRecordException.missing("data.id");
            }
            return new ParseResult.Skipped(NAME + ": compliance event '" + event + "' carries no post deletion");
        }
        JsonNode tweet = Fields.requiredObject(delete, "tweet", "data.delete.tweet");
        Instant deletedAt = delete.has("event_at") ? Fields.requiredInstant(delete, "event_at", "data.delete.event_at") : null;
        return new ParseResult.Deletion(PostDeletion.of("twitter:" + Fields.requiredText(tweet, "id", "data.delete.tweet.id"),
                Fields.optionalText(tweet, "author_id", "data.delete.tweet.author_id"), deletedAt));
    }

    private static ParseResult tweet(JsonNode tweet, String path, Includes includes) {
        if (!tweet.isObject()) {
            throw MalformedRecordException.wrong(path.substring(0, path.length() - 1), "must be a tweet object");
        }
        for (JsonNode reference : tweet.path("referenced_tweets")) {
            if (reference.path("type").asText().equals("retweeted")) {
                String originalId = reference.path("id").asText();
                JsonNode original = includes.tweets.get(originalId);
                return original == null
                        ? new ParseResult.Skipped(NAME + ": retweet of " + originalId + " without the original in includes.tweets")
                        : new ParseResult.Valid(post(original, "includes.tweets[id=" + originalId + "].", includes));
            }
        }
        Post post = post(tweet, path, includes);
        return post.editedAt() != null ? new ParseResult.Edited(post) : new ParseResult.Valid(post);
    }

    private static Post post(JsonNode tweet, String path, Includes includes) {
        String versionId = Fields.requiredText(tweet, "id", path + "id");
        TweetEditHistory versions = TweetEditHistory.of(tweet, versionId, path);
        String id = versions.originalId();
        Instant versionCreatedAt = Fields.requiredInstant(tweet, "created_at", path + "created_at");
        String authorId = Fields.requiredText(tweet, "author_id", path + "author_id");
        JsonNode user = includes.users.get(authorId);
        String handle = user == null ? null : Fields.member(user, "username");
        JsonNode longTweet = tweet.path("note_tweet");
        String text = longTweet.path("text").isTextual() ? longTweet.path("text").asText()
                : Fields.requiredText(tweet, "text", path + "text");
        String replyTo = null;
        for (JsonNode reference : tweet.path("referenced_tweets")) {
            if (reference.path("type").asText().equals("replied_to")) {
                replyTo = "twitter:" + reference.path("id").asText();
            }
        }
        String replyToUser = Fields.optionalText(tweet, "in_reply_to_user_id", path + "in_reply_to_user_id");
        JsonNode replyToAccount = replyToUser == null ? null : includes.users.get(replyToUser);
        String conversation = Fields.optionalText(tweet, "conversation_id", path + "conversation_id");
        JsonNode place = includes.places.get(tweet.path("geo").path("place_id").asText());
        JsonNode entities = tweet.path("entities");
        return new Post("twitter:" + id, "twitter",
                versions.postedAt(versionCreatedAt), text,
                Fields.optionalText(tweet, "lang", path + "lang"),
                new Author(authorId, handle, user == null ? 0
                        : Fields.optionalCount(user.path("public_metrics"), "followers_count", "includes.users.public_metrics.followers_count"),
                        user == null ? null : Fields.member(user, "location")),
                point(tweet.path("geo").path("coordinates"), path), place == null ? null : Fields.member(place, "full_name"),
                conversation == null ? null : "twitter:" + versions.canonical(conversation), replyTo,
                replyToAccount == null ? null : Fields.member(replyToAccount, "username"),
                "https://x.com/" + (handle == null ? "i/web" : handle) + "/status/" + id,
                Fields.each(entities, "hashtags", path + "entities.hashtags", h -> Fields.member(h, "tag")),
                Fields.each(entities, "mentions", path + "entities.mentions", m -> Fields.member(m, "username")),
                versions.editedAt(versionCreatedAt));
    }

    /** A GeoJSON point: coordinates are [longitude, latitude]. */
    private static GeoPoint point(JsonNode geometry, String path) {
        JsonNode coordinates = geometry.path("coordinates");
        if (geometry.isMissingNode() || geometry.isNull()) {
            return null;
        }
        if (!coordinates.isArray() || coordinates.size() != 2 || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
            throw MalformedRecordException.wrong(path + "geo.coordinates.coordinates", "must be [longitude, latitude]");
        }
        return new GeoPoint(coordinates.get(1).asDouble(), coordinates.get(0).asDouble());
    }

    /** The response's expansions, by id. */
    private static final class Includes {
        final Map<String, JsonNode> users;
        final Map<String, JsonNode> places;
        final Map<String, JsonNode> tweets;

        Includes(JsonNode includes) {
            users = byId(includes.path("users"));
            places = byId(includes.path("places"));
            tweets = byId(includes.path("tweets"));
        }

        private static Map<String, JsonNode> byId(JsonNode array) {
            Map<String, JsonNode> byId = new HashMap<>();
            for (JsonNode element : array) {
                if (element.path("id").isTextual()) {
                    byId.put(element.get("id").asText(), element);
                }
            }
            return byId;
        }
    }
}
