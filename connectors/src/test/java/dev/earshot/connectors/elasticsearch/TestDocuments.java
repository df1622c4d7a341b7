package dev.earshot.connectors.elasticsearch;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.Author;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Location;
import dev.earshot.model.LocationLevel;
import dev.earshot.model.LocationMethod;
import dev.earshot.model.Post;
import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import dev.earshot.model.StatsView;
import dev.earshot.model.TermCount;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Model values shaped like the job's outputs (see dashboards/samples), for the Elasticsearch tests. */
public final class TestDocuments {

    public static final Instant START = Instant.parse("2026-03-04T04:00:00Z");
    private static final Location BENGALURU = new Location("geonames:1277333", "Bengaluru", "Karnataka", "IN",
            new GeoPoint(12.97194, 77.59369), LocationMethod.TEXT, 0.8);

    private TestDocuments() {
    }

    /** Post number {@code n}, one per minute from {@link #START}: the first 1,200 span two UTC days. */
    public static EnrichedPost post(int n) {
        Instant createdAt = START.plus(Duration.ofMinutes(n));
        Post post = new Post("bluesky:post" + n, "bluesky", createdAt, "Towed AGAIN near MG Road in Bangalore #parking " + n,
                "en", new Author("did:plc:author" + n % 50, "author" + n % 50, 120, "Bangalore, India"),
                n % 3 == 0 ? new GeoPoint(12.97, 77.59) : null, null, null, null, null, null, List.of("parking"), List.of());
        return new EnrichedPost(post, new Sentiment(-0.6, SentimentLabel.NEGATIVE, 0.8, "earshot-social-lexicon/1"),
                List.of("parking"), BENGALURU, List.of("car", "tow", "road"));
    }

    /** The stats of window number {@code n} (2 h windows sliding by 30 min) for parking in Bengaluru. */
    public static TopicLocationStats stats(int n) {
        Instant start = START.plus(Duration.ofMinutes(30L * n));
        return new TopicLocationStats("parking", BENGALURU.id(), BENGALURU.city(), "IN", start, start.plus(Duration.ofHours(2)),
                37, 28, 5, 4, -0.5, 28 / 37.0, 27, List.of("bluesky:post1", "bluesky:post2"), LocationLevel.CITY,
                StatsView.SLIDING, List.of(new TermCount("tow", 12), new TermCount("fine", 7)), null, null);
    }

    /** One version of incident {@code id}; versions differ by status and window, as the lifecycle writes them. */
    public static Alert alert(String id, AlertStatus status, int window) {
        Instant start = START.plus(Duration.ofMinutes(30L * window));
        return new Alert(id, AlertKind.PEER_OUTLIER, status, "parking", BENGALURU.id(), BENGALURU.city(), start,
                start.plus(Duration.ofHours(2)), START.plus(Duration.ofHours(2)), 0.75, 0.24, 3.1, 1.6, 5.8, 5.4, 37,
                Math.min(10, 5 + window), List.of("bluesky:post1"),
                "Parking posts in Bengaluru are 3.1x more negative than in other cities (window " + window + ")",
                List.of(new TermCount("tow", 12)));
    }
}
