package dev.earshot.respond;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.Author;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Location;
import dev.earshot.model.LocationMethod;
import dev.earshot.model.Post;
import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import java.time.Instant;
import java.util.List;

/** Posts, authors, places and alerts of the demo world, built with only what each test cares about. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-03-04T05:00:00Z");
    static final String SOURCE = "twitter";
    static final Location BENGALURU = place("geonames:1277333", "Bengaluru", "IN", 12.97, 77.59);
    static final Location MUMBAI = place("geonames:1275339", "Mumbai", "IN", 19.07, 72.88);

    private Fixtures() {
    }

    static Author author(String id) {
        return author(id, 120);
    }

    static Author author(String id, long followers) {
        return new Author(id, id, followers, null);
    }

    /** A post by {@code author} mentioning @CityCareDesk about Bengaluru parking. */
    static EnrichedPost ventingPost(Author author, String text, double score, Instant at) {
        return toCityCare(author, text, score, at).build();
    }

    static PostBuilder toCityCare(Author author, String text, double score, Instant at) {
        return post(author, "@CityCareDesk " + text, score, at).mentions(List.of("CityCareDesk"));
    }

    static PostBuilder post(Author author, String text, double score, Instant at) {
        return new PostBuilder(author, text, score, at);
    }

    static Alert alert(String id, String topic, Location location, AlertStatus status) {
        return new Alert(id, AlertKind.NEGATIVE_SPIKE, status, topic, location.id(), location.city(), T0, T0.plusSeconds(7200),
                T0.plusSeconds(7200), 0.75, 0.25, 3.0, 2.1, 4.2, 80, 7, List.of(), "parking in " + location.city());
    }

    private static Location place(String id, String city, String country, double lat, double lon) {
        return new Location(id, city, null, country, new GeoPoint(lat, lon), LocationMethod.TEXT, 0.9);
    }

    static final class PostBuilder {
        private final Author author;
        private final String text;
        private final double score;
        private final Instant at;
        private String source = SOURCE;
        private List<String> mentions = List.of();
        private String replyToHandle;
        private List<String> topics = List.of("parking");
        private Location location = BENGALURU;

        private PostBuilder(Author author, String text, double score, Instant at) {
            this.author = author;
            this.text = text;
            this.score = score;
            this.at = at;
        }

        PostBuilder source(String value) {
            source = value;
            return this;
        }

        PostBuilder mentions(List<String> value) {
            mentions = value;
            return this;
        }

        PostBuilder replyTo(String handle) {
            replyToHandle = handle;
            return this;
        }

        PostBuilder topics(List<String> value) {
            topics = value;
            return this;
        }

        PostBuilder location(Location value) {
            location = value;
            return this;
        }

        EnrichedPost build() {
            // The id follows from author and time, so that rebuilding the stream yields the same posts.
            String id = source + ":" + author.id() + "-" + at.getEpochSecond();
            SentimentLabel label = score < -0.05 ? SentimentLabel.NEGATIVE
                    : score > 0.05 ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
            Post post = new Post(id, source, at, text, "en", author, null, null, null,
                    replyToHandle == null ? null : source + ":parent-" + at.getEpochSecond(), replyToHandle,
                    "https://example.org/" + id, List.of(), mentions);
            return new EnrichedPost(post, new Sentiment(score, label, 0.8, "test/1"), topics, location);
        }
    }
}
