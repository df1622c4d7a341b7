package dev.earshot.detect;

import dev.earshot.model.AlertKind;
import java.time.Instant;
import java.util.List;

/**
 * What one detector concluded about one (topic, location) cell in one window. Detectors return a finding for every
 * cell they evaluate, anomalous or not, so that the alert lifecycle sees quiet windows and can resolve incidents.
 * A cell that could not be judged (too few posts, too little history, no peers) is neither anomalous nor elevated.
 *
 * <p>Two verdicts, because opening and closing an incident need different evidence (a Schmitt trigger): {@code
 * anomalous} is the strict test that opens one, {@code elevated} the looser test that keeps it open. The strict open
 * test controls false alarms; the loose stay test stops an incident whose value hovers at the open threshold from
 * resolving and reopening under a new id, since it only fails once the deviation is really gone.
 *
 * @param anomalous the deviation passes the detector's open thresholds
 * @param elevated the deviation persists by the detector's looser stay thresholds; always true when anomalous
 * @param observed the cell's value: its negative share, or its posts for {@link AlertKind#VOLUME_SURGE}
 * @param expected what it is compared with: the baseline or the peers' value
 * @param ratio observed / expected (1 when there is nothing to compare with)
 * @param ratioLower the ratio's lower confidence bound, or the ratio itself where no interval applies
 * @param ratioUpper the ratio's upper confidence bound; null where no interval applies
 * @param statistic the detector's z-score
 * @param evidencePostIds the window's most telling posts, most negative first
 */
public record Finding(
        AlertKind kind,
        String topic,
        String locationId,
        String locationName,
        Instant windowStart,
        Instant windowEnd,
        boolean anomalous,
        boolean elevated,
        double observed,
        double expected,
        double ratio,
        double ratioLower,
        Double ratioUpper,
        double statistic,
        long posts,
        List<String> evidencePostIds) {

    public Finding {
        if (kind == null || topic == null || locationId == null || windowStart == null || windowEnd == null) {
            throw new IllegalArgumentException("kind, topic, locationId and the window are required");
        }
        // Evidence strong enough to open is strong enough to stay; also fills in findings written before the field.
        elevated = elevated || anomalous;
        evidencePostIds = evidencePostIds == null ? List.of() : List.copyOf(evidencePostIds);
    }

    /** A finding without an upper bound: the detectors whose ratio has no interval. */
    public Finding(AlertKind kind, String topic, String locationId, String locationName, Instant windowStart,
                   Instant windowEnd, boolean anomalous, boolean elevated, double observed, double expected, double ratio,
                   double ratioLower, double statistic, long posts, List<String> evidencePostIds) {
        this(kind, topic, locationId, locationName, windowStart, windowEnd, anomalous, elevated, observed, expected,
                ratio, ratioLower, null, statistic, posts, evidencePostIds);
    }
}
