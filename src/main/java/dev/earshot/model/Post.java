package dev.earshot.model;

import java.time.Instant;
import java.util.List;

/**
 * A social or forum post in Earshot's canonical form, whatever network it came from.
 *
 * @param id globally unique, {@code source:nativeId}; ids are strings everywhere (64-bit ids lose precision as JSON numbers)
 * @param source the network or feed, e.g. {@code bluesky}, {@code mastodon}, {@code twitter}, {@code sample}
 * @param createdAt the event time
 * @param text the post's plain text
 * @param lang BCP-47 language tag when known, else null
 * @param geo the post's geotag, or null
 * @param place the platform's place name (e.g. "Bengaluru, India"), or null
 * @param conversationId the thread the post belongs to, or null
 * @param replyToId the id of the post this one answers, or null
 * @param replyToHandle the handle of the author this one answers, or null
 * @param hashtags without the #, as written
 * @param mentions handles without the @, as written
 * @param editedAt when the network says the author last edited the post, or null (never edited, or the network does not
 *                 say); see the parsers for what each network's time means
 * @param langs every language tag the network gave, in its order, when it gave more than one (a Bluesky post's
 *              {@code langs}), else null; {@code lang} is the first of them
 */
public record Post(
        String id,
        String source,
        Instant createdAt,
        String text,
        String lang,
        Author author,
        GeoPoint geo,
        String place,
        String conversationId,
        String replyToId,
        String replyToHandle,
        String url,
        List<String> hashtags,
        List<String> mentions,
        Instant editedAt,
        List<String> langs) {

    /** A post its network does not say was edited. */
    public Post(String id, String source, Instant createdAt, String text, String lang, Author author, GeoPoint geo,
                String place, String conversationId, String replyToId, String replyToHandle, String url,
                List<String> hashtags, List<String> mentions) {
        this(id, source, createdAt, text, lang, author, geo, place, conversationId, replyToId, replyToHandle, url,
                hashtags, mentions, null);
    }

    /** A post tagged with one language at most. */
    public Post(String id, String source, Instant createdAt, String text, String lang, Author author, GeoPoint geo,
                String place, String conversationId, String replyToId, String replyToHandle, String url,
                List<String> hashtags, List<String> mentions, Instant editedAt) {
        this(id, source, createdAt, text, lang, author, geo, place, conversationId, replyToId, replyToHandle, url,
                hashtags, mentions, editedAt, null);
    }

    public Post {
        requireText(id, "id");
        requireText(source, "source");
        requireText(text, "text");
        if (createdAt == null) {
            throw new IllegalArgumentException("createdAt is required");
        }
        if (author == null) {
            throw new IllegalArgumentException("author is required");
        }
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        langs = langs == null ? null : List.copyOf(langs);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required and must not be blank");
        }
    }
}
