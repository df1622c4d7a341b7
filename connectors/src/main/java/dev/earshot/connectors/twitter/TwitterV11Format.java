package dev.earshot.connectors.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.Author;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Post;
import dev.earshot.parse.MalformedRecordException;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostFormat;
import dev.earshot.parse.TweetEditHistory;
import dev.earshot.parse.TwitterV11;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import twitter4j.GeoLocation;
import twitter4j.HashtagEntity;
import twitter4j.Status;
import twitter4j.TwitterException;
import twitter4j.TwitterObjectFactory;
import twitter4j.User;
import twitter4j.UserMentionEntity;

/**
 * Twitter/X API v1.1 statuses, read by twitter4j ({@link TwitterObjectFactory#createStatus(String)}), which knows
 * the format's corners: {@code extended_tweet.full_text}, {@code full_text}, the date format, {@code coordinates} as
 * [longitude, latitude]. A retweet is read as the retweeted status, so that many retweets of one tweet are one post
 * (and the full text, not the truncated "RT @..."); a delete notice is a deletion. An edited version (see
 * {@link TwitterV11#versions}, which twitter4j does not read) is an edit of the original, as in X API v2: the post
 * keeps the original's id and time, and its {@code editedAt} is this version's {@code created_at}; a retweet of one
 * reads as the post, edited.
 */
public final class TwitterV11Format implements PostFormat {

    @Override
    public String name() {
        return TwitterV11.NAME;
    }

    @Override
    public boolean recognises(JsonNode tree) {
        return TwitterV11.recognises(tree);
    }

    @Override
    public List<ParseResult> read(JsonNode tree, String raw) {
        if (TwitterV11.isDeleteNotice(tree)) {
            return List.of(new ParseResult.Deletion(TwitterV11.deletion(tree)));
        }
        TwitterV11.requireFields(tree);
        TweetEditHistory versions = TwitterV11.versions(tree);
        Status status;
        try {
            status = TwitterObjectFactory.createStatus(tree.toString());
        } catch (TwitterException | RuntimeException e) {
            throw new MalformedRecordException("not a status twitter4j can read: " + e.getMessage());
        }
        Post post = post(status.isRetweet() ? status.getRetweetedStatus() : status, versions);
        return List.of(versions.isEdit() && !status.isRetweet() ? new ParseResult.Edited(post) : new ParseResult.Valid(post));
    }

    private static Post post(Status status, TweetEditHistory versions) {
        User user = status.getUser();
        GeoLocation geo = status.getGeoLocation();
        String id = versions.originalId();
        Instant versionCreatedAt = status.getCreatedAt().toInstant();
        long replyTo = status.getInReplyToStatusId();
        String handle = user.getScreenName();
        return new Post("twitter:" + id, "twitter",
                versions.postedAt(versionCreatedAt), status.getText(),
                status.getLang(), new Author(Long.toString(user.getId()), handle, Math.max(0, user.getFollowersCount()),
                        user.getLocation()),
                geo == null ? null : new GeoPoint(geo.getLatitude(), geo.getLongitude()),
                status.getPlace() == null ? null : status.getPlace().getFullName(),
                null, replyTo > 0 ? "twitter:" + replyTo : null, status.getInReplyToScreenName(),
                "https://x.com/" + (handle == null ? "i/web" : handle) + "/status/" + id,
                Arrays.stream(status.getHashtagEntities()).map(HashtagEntity::getText).toList(),
                Arrays.stream(status.getUserMentionEntities()).map(UserMentionEntity::getScreenName).toList(),
                versions.editedAt(versionCreatedAt));
    }
}
