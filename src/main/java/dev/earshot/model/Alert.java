package dev.earshot.model;

import java.time.Instant;
import java.util.List;

/**
 * One incident, as it is first seen, updated and resolved. The id stays the same through the incident's life.
 *
 * @param id deterministic: the same incident always gets the same id, whatever the replay or parallelism
 * @param windowStart the window this version of the alert describes
 * @param openedAt the end of the window in which the incident was first detected
 * @param observed the place's value (negative share, or posts for a volume surge)
 * @param expected the baseline's or the peers' value it is compared with
 * @param ratio observed / expected
 * @param ratioLower the lower confidence bound of the ratio, or the ratio itself where no interval applies
 * @param ratioUpper the upper confidence bound of the ratio; absent where no interval applies (and in alerts written
 *     before the field)
 * @param statistic the detector's test statistic (a z-score)
 * @param severity from 1 to 10
 * @param evidencePostIds the posts that show the incident, the most telling first
 * @param summary one human sentence saying what, where and how much
 * @param topTerms the most frequent content terms of the window's posts, most frequent first, so that a reader sees
 *     what people wrote about; null when unknown (e.g. a window without posts)
 */
public record Alert(
        String id,
        AlertKind kind,
        AlertStatus status,
        String topic,
        String locationId,
        String locationName,
        Instant windowStart,
        Instant windowEnd,
        Instant openedAt,
        double observed,
        double expected,
        double ratio,
        double ratioLower,
        Double ratioUpper,
        double statistic,
        long posts,
        int severity,
        List<String> evidencePostIds,
        String summary,
        List<TermCount> topTerms) {

    public Alert {
        if (id == null || kind == null || status == null || topic == null || locationId == null) {
            throw new IllegalArgumentException("id, kind, status, topic and locationId are required");
        }
        if (severity < 1 || severity > 10) {
            throw new IllegalArgumentException("severity must be in [1, 10], was " + severity);
        }
        evidencePostIds = evidencePostIds == null ? List.of() : List.copyOf(evidencePostIds);
        topTerms = topTerms == null ? null : List.copyOf(topTerms);
    }

    /** An alert without top terms: the detectors make these, and the job attaches the window's terms afterwards. */
    public Alert(String id, AlertKind kind, AlertStatus status, String topic, String locationId, String locationName,
                 Instant windowStart, Instant windowEnd, Instant openedAt, double observed, double expected, double ratio,
                 double ratioLower, Double ratioUpper, double statistic, long posts, int severity,
                 List<String> evidencePostIds, String summary) {
        this(id, kind, status, topic, locationId, locationName, windowStart, windowEnd, openedAt, observed, expected,
                ratio, ratioLower, ratioUpper, statistic, posts, severity, evidencePostIds, summary, null);
    }

    /** An alert without an upper bound (for ratios that have no interval) or top terms. */
    public Alert(String id, AlertKind kind, AlertStatus status, String topic, String locationId, String locationName,
                 Instant windowStart, Instant windowEnd, Instant openedAt, double observed, double expected,
                 double ratio, double ratioLower, double statistic, long posts, int severity,
                 List<String> evidencePostIds, String summary) {
        this(id, kind, status, topic, locationId, locationName, windowStart, windowEnd, openedAt, observed, expected,
                ratio, ratioLower, null, statistic, posts, severity, evidencePostIds, summary, null);
    }

    public Alert withStatus(AlertStatus newStatus) {
        return new Alert(id, kind, newStatus, topic, locationId, locationName, windowStart, windowEnd, openedAt, observed,
                expected, ratio, ratioLower, ratioUpper, statistic, posts, severity, evidencePostIds, summary, topTerms);
    }

    public Alert withTopTerms(List<TermCount> terms) {
        return new Alert(id, kind, status, topic, locationId, locationName, windowStart, windowEnd, openedAt, observed,
                expected, ratio, ratioLower, ratioUpper, statistic, posts, severity, evidencePostIds, summary, terms);
    }
}
