package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An X API v2 tweet's {@code edit_history_tweet_ids}: the id of every version of the tweet, oldest first. Editing a
 * tweet gives the new version a new id, so a version whose own id is not the first is an edit of the tweet with the
 * first id, and Earshot keeps them as one post under that first id. A tweet without the field, or listing only its
 * own id, was never edited.
 *
 * @param ids the versions' ids, oldest first; just the tweet's own id when the field is absent
 * @param ownId the id of the version this payload holds
 */
record TweetEditHistory(List<String> ids, String ownId) {

    /** Twitter's snowflake epoch (2010-11-04T01:42:54.657Z), from twitter-archive/snowflake's IdWorker. */
    private static final long SNOWFLAKE_EPOCH_MILLIS = 1288834974657L;
    /** A snowflake id keeps its creation time, in milliseconds since the epoch, above its 22 low bits. */
    private static final int SNOWFLAKE_TIME_SHIFT = 22;
    /** X introduced edits on 2022-09-01 (its "Edit Posts" documentation): no edited tweet is older. */
    private static final Instant FIRST_EDITS = Instant.parse("2022-09-01T00:00:00Z");

    static TweetEditHistory of(JsonNode tweet, String ownId, String path) {
        String field = path + "edit_history_tweet_ids";
        JsonNode history = tweet.get("edit_history_tweet_ids");
        if (history == null || history.isNull()) {
            return new TweetEditHistory(List.of(ownId), ownId);
        }
        if (!history.isArray()) {
            throw MalformedRecordException.wrong(field, "must be an array of tweet ids, found " + Fields.type(history));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            JsonNode id = history.get(i);
            if (!id.isTextual() || id.asText().isBlank()) {
                throw MalformedRecordException.wrong(field + "[" + i + "]",
                        "must be a tweet id string, found " + (id.isTextual() ? "an empty string" : Fields.type(id)));
            }
            ids.add(id.asText());
        }
        if (!ids.contains(ownId)) {
            throw MalformedRecordException.wrong(field, "must list the tweet's own id " + ownId + ", found " + ids);
        }
        return new TweetEditHistory(List.copyOf(ids), ownId);
    }

    /** Whether this version is an edit of an earlier one (its own id is not the first). */
    boolean isEdit() {
        return !ownId.equals(originalId());
    }

    String originalId() {
        return ids.get(0);
    }

    /** The post's id for any id of its versions (a conversation or reply may name the version it started from). */
    String canonical(String versionId) {
        return ids.contains(versionId) ? originalId() : versionId;
    }

    /**
     * When the original was posted. A v2 payload gives only this version's {@code created_at}, but a tweet id is a
     * snowflake that holds its creation time to the millisecond; {@code created_at} is that time to the second, so
     * it is truncated alike and is what the original's own payload says.
     *
     * @param versionCreatedAt this version's {@code created_at}, which the original cannot postdate
     */
    Instant originalCreatedAt(Instant versionCreatedAt, String path) {
        String field = path + "edit_history_tweet_ids[0]";
        long id;
        try {
            id = Long.parseLong(originalId());
        } catch (NumberFormatException e) {
            throw MalformedRecordException.wrong(field, "must be a numeric tweet id, was \"" + originalId() + "\"");
        }
        Instant postedAt = Instant.ofEpochMilli((id >> SNOWFLAKE_TIME_SHIFT) + SNOWFLAKE_EPOCH_MILLIS).truncatedTo(ChronoUnit.SECONDS);
        if (postedAt.isBefore(FIRST_EDITS) || postedAt.isAfter(versionCreatedAt)) {
            throw MalformedRecordException.wrong(field, "is not the id of a tweet posted before this version and after "
                    + FIRST_EDITS + " (when X introduced edits): " + originalId() + " is from " + postedAt
                    + ", this version from " + versionCreatedAt);
        }
        return postedAt;
    }
}
