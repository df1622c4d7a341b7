package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A tweet's versions, as X lists them: the id of every version, oldest first (API v2's
 * {@code edit_history_tweet_ids}; in v1.1, see {@link TwitterV11#versions}). Editing a tweet gives the new version a
 * new id, so a version whose own id is not the first is an edit of the tweet with the first id, and Earshot keeps
 * them as one post under that first id. A tweet without the field, or listing only its own id, was never edited.
 *
 * @param ids the versions' ids, oldest first; just the tweet's own id when the payload gives no history
 * @param ownId the id of the version this payload holds
 * @param originalField the field that gives the original's id, named in errors
 */
public record TweetEditHistory(List<String> ids, String ownId, String originalField) {

    /** Twitter's snowflake epoch (2010-11-04T01:42:54.657Z), from twitter-archive/snowflake's IdWorker. */
    private static final long SNOWFLAKE_EPOCH_MILLIS = 1288834974657L;
    /** A snowflake id keeps its creation time, in milliseconds since the epoch, above its 22 low bits. */
    private static final int SNOWFLAKE_TIME_SHIFT = 22;
    /** X introduced edits on 2022-09-01 (its "Edit Posts" documentation): no edited tweet is older. */
    private static final Instant FIRST_EDITS = Instant.parse("2022-09-01T00:00:00Z");

    /** An X API v2 tweet's {@code edit_history_tweet_ids}. */
    static TweetEditHistory of(JsonNode tweet, String ownId, String path) {
        JsonNode history = tweet.get("edit_history_tweet_ids");
        return history == null || history.isNull() ? unedited(ownId) : listed(history, path + "edit_history_tweet_ids", ownId);
    }

    static TweetEditHistory unedited(String ownId) {
        return new TweetEditHistory(List.of(ownId), ownId, null);
    }

    /** The versions an array of tweet id strings names, which must include the payload's own. */
    static TweetEditHistory listed(JsonNode history, String field, String ownId) {
        if (!history.isArray()) {
            throw MalformedRecordException.wrong(field, "must be an array of tweet ids, found " + Fields.type(history));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            ids.add(tweetId(history.get(i), field + "[" + i + "]"));
        }
        if (!ids.contains(ownId)) {
            throw MalformedRecordException.wrong(field, "must list the tweet's own id " + ownId + ", found " + ids);
        }
        return new TweetEditHistory(List.copyOf(ids), ownId, field + "[0]");
    }

    /** A tweet id: a string of digits (as JSON numbers, 64-bit ids may have lost precision). */
    static String tweetId(JsonNode id, String field) {
        if (id == null || id.isNull()) {
            throw MalformedRecordException.missing(field);
        }
        if (!id.isTextual() || id.asText().isBlank()) {
            throw MalformedRecordException.wrong(field,
                    "must be a tweet id string, found " + (id.isTextual() ? "an empty string" : Fields.type(id)));
        }
        String text = id.asText();
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9') || !fitsALong(text)) {
            throw MalformedRecordException.wrong(field, "must be a numeric tweet id, was \"" + text + "\"");
        }
        return text;
    }

    private static boolean fitsALong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether this version is an edit of an earlier one (its own id is not the first). */
    public boolean isEdit() {
        return !ownId.equals(originalId());
    }

    public String originalId() {
        return ids.get(0);
    }

    /** The post's id for any id of its versions (a conversation or reply may name the version it started from). */
    String canonical(String versionId) {
        return ids.contains(versionId) ? originalId() : versionId;
    }

    /** When the post was made: the original's time for an edit ({@link #originalCreatedAt}), else this version's. */
    public Instant postedAt(Instant versionCreatedAt) {
        return isEdit() ? originalCreatedAt(versionCreatedAt) : versionCreatedAt;
    }

    /** The post's {@code editedAt}: this version's time for an edit, else null. */
    public Instant editedAt(Instant versionCreatedAt) {
        return isEdit() ? versionCreatedAt : null;
    }

    /**
     * When the original was posted. A payload gives only this version's {@code created_at}, but a tweet id is a
     * snowflake that holds its creation time to the millisecond; {@code created_at} is that time to the second, so
     * it is truncated alike and is what the original's own payload says.
     *
     * @param versionCreatedAt this version's {@code created_at}, which the original cannot postdate
     */
    private Instant originalCreatedAt(Instant versionCreatedAt) {
        Instant postedAt = Instant.ofEpochMilli((Long.parseLong(originalId()) >> SNOWFLAKE_TIME_SHIFT) + SNOWFLAKE_EPOCH_MILLIS)
                .truncatedTo(ChronoUnit.SECONDS);
        if (postedAt.isBefore(FIRST_EDITS) || postedAt.isAfter(versionCreatedAt)) {
            throw MalformedRecordException.wrong(originalField, "is not the id of a tweet posted before this version and after "
                    + FIRST_EDITS + " (when X introduced edits): " + originalId() + " is from " + postedAt
                    + ", this version from " + versionCreatedAt);
        }
        return postedAt;
    }
}
