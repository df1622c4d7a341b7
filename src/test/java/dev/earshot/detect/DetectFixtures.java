package dev.earshot.detect;

import dev.earshot.model.AlertKind;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Named instants and factories shared by the detection tests: windows of 2 h sliding by 30 min. */
final class DetectFixtures {

    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final Duration SIZE = Duration.ofHours(2);
    static final Duration SLIDE = Duration.ofMinutes(30);
    static final String BENGALURU = "geonames:1277333";
    static final String MUMBAI = "geonames:1275339";

    private DetectFixtures() {
    }

    /** The end of the {@code n}th window after {@code T0}. */
    static Instant end(int n) {
        return T0.plus(SLIDE.multipliedBy(n));
    }

    /** One window of a topic in a city that ends {@code n} slides after {@code T0}; non-negative posts are neutral. */
    static TopicLocationStats stats(String topic, String locationId, String city, int n, long posts, long negative) {
        return new TopicLocationStats(topic, locationId, city, "IN", end(n).minus(SIZE), end(n), posts, negative,
                posts - negative, 0, posts == 0 ? 0 : -0.5 * negative / posts, posts == 0 ? 0 : (double) negative / posts,
                posts, List.of(locationId + ":post" + n));
    }

    static TopicLocationStats parkingInBengaluru(int n, long posts, long negative) {
        return stats("parking", BENGALURU, "Bengaluru", n, posts, negative);
    }

    /** A finding whose lower bound is its ratio, elevated exactly when anomalous (an incident or a quiet window). */
    static Finding finding(AlertKind kind, int n, boolean anomalous, double ratio, double statistic) {
        return finding(kind, n, anomalous, anomalous, ratio, ratio, statistic);
    }

    static Finding finding(AlertKind kind, int n, boolean anomalous, boolean elevated, double ratio, double lower,
                           double statistic) {
        return new Finding(kind, "parking", BENGALURU, "Bengaluru", end(n).minus(SIZE), end(n), anomalous, elevated,
                0.25 * ratio, 0.25, ratio, lower, statistic, 41, List.of("twitter:" + n));
    }
}
