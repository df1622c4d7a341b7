package dev.earshot.sample;

import dev.earshot.model.AlertKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of a generated sample stream that tests and demos can check Earshot's output against.
 *
 * @param seed the seed the stream was generated with
 * @param start the first instant of the period (inclusive)
 * @param end the end of the period (exclusive)
 * @param incidents the designed incidents; nothing else in the stream is unusual
 * @param ventingCustomers the three citizens who address @{@value #CARE_HANDLE} over several posts
 * @param validPosts the number of distinct valid posts
 * @param duplicateLines the number of lines that repeat an earlier valid line exactly
 * @param malformedByKind how many broken lines of each kind the stream holds
 */
public record SampleScenario(
        long seed,
        Instant start,
        Instant end,
        List<Incident> incidents,
        List<VentingCustomer> ventingCustomers,
        int validPosts,
        int duplicateLines,
        Map<MalformedKind, Integer> malformedByKind) {

    /** The city-care account that venting citizens address. */
    public static final String CARE_HANDLE = "CityCareDesk";
    public static final Instant PERIOD_START = Instant.parse("2026-03-02T00:00:00Z");
    public static final Instant PERIOD_END = Instant.parse("2026-03-06T00:00:00Z");
    /** The out-of-order bound of the stream: no line is later than this behind the latest event time before it. */
    public static final Duration MAX_LATENESS = Duration.ofMinutes(5);

    /**
     * Incident 1: Bengaluru parking turns negative (share ~0.75 against ~0.25 elsewhere and before) with only x1.3
     * volume, so it is a sentiment alert and not a volume surge.
     */
    public static final Incident BENGALURU_PARKING = new Incident("bengaluru-parking-negative",
            List.of(AlertKind.NEGATIVE_SPIKE, AlertKind.PEER_OUTLIER), "parking", "Bengaluru",
            Instant.parse("2026-03-04T04:00:00Z"), Instant.parse("2026-03-04T10:00:00Z"), 1.3, 0.75);
    /** Incident 2: the Mumbai Metro line opening, x5 public transport volume, mostly positive or neutral. */
    public static final Incident MUMBAI_METRO_OPENING = new Incident("mumbai-metro-opening-surge",
            List.of(AlertKind.VOLUME_SURGE), "public_transport", "Mumbai",
            Instant.parse("2026-03-03T05:00:00Z"), Instant.parse("2026-03-03T08:00:00Z"), 5.0, 0.08);

    /** The designed incidents, in the order the generator plants them. */
    public static final List<Incident> INCIDENTS = List.of(BENGALURU_PARKING, MUMBAI_METRO_OPENING);

    public SampleScenario {
        incidents = List.copyOf(incidents);
        ventingCustomers = List.copyOf(ventingCustomers);
        Map<MalformedKind, Integer> inKindOrder = new EnumMap<>(MalformedKind.class);
        inKindOrder.putAll(malformedByKind);
        malformedByKind = Collections.unmodifiableMap(inKindOrder);
    }

    public int malformedRecords() {
        return malformedByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * A designed incident.
     *
     * @param name a stable name for docs and test messages
     * @param expectedAlerts the alert kinds a working pipeline raises for it
     * @param topic the topic id
     * @param city the canonical city name
     * @param start the first instant of the incident (inclusive)
     * @param end the end of the incident (exclusive)
     * @param volumeFactor the posts in the window relative to the same window on an ordinary day
     * @param negativeShare the share of the extra (or, for a sentiment incident, all) posts written negative
     */
    public record Incident(String name, List<AlertKind> expectedAlerts, String topic, String city, Instant start,
                           Instant end, double volumeFactor, double negativeShare) {

        public Incident {
            expectedAlerts = List.copyOf(expectedAlerts);
        }

        public boolean covers(Instant instant) {
            return !instant.isBefore(start) && instant.isBefore(end);
        }
    }

    /**
     * A citizen venting at @{@value #CARE_HANDLE} over several negative posts, which a working pipeline turns into
     * exactly one hand-off ticket.
     *
     * @param authorId the author's stable id
     * @param handle the author's handle
     * @param city the canonical city name
     * @param topic the topic id of every post
     * @param postIds the posts in time order
     */
    public record VentingCustomer(String authorId, String handle, String city, String topic, List<String> postIds) {

        public VentingCustomer {
            postIds = List.copyOf(postIds);
        }
    }
}
