package dev.earshot.detect;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the findings of one (kind, topic, location) cell, window after window, into incidents: OPEN once the cell
 * is anomalous for {@code persistence} windows, UPDATED when the open incident's severity changes enough,
 * RESOLVED after {@code resolveAfter} quiet windows, then a cooldown before the cell may open again. Pure: each
 * call takes a state and returns the next one, so the caller decides where state lives.
 *
 * <p>Opening and staying open are judged differently (hysteresis, as in a Schmitt trigger): an incident opens only
 * on an {@link Finding#anomalous() anomalous} window, but any {@link Finding#elevated() elevated} window keeps it open;
 * only windows that are not even elevated are quiet. An incident whose value hovers just under the open threshold
 * thus stays one incident with one id instead of resolving and reopening.
 */
public final class AlertLifecycle {

    /** The state to keep, and the alert to send, if any. */
    public record Step(LifecycleState state, Optional<Alert> alert) {
    }

    private static final int ID_LENGTH = 20;

    private final LifecycleParams params;

    public AlertLifecycle(LifecycleParams params) {
        this.params = params;
    }

    /**
     * The next step after {@code finding}. Findings must come in window order; one for a window that is not after the
     * last one seen (a replay or a late re-firing) changes nothing.
     */
    public Step onFinding(LifecycleState state, Finding finding) {
        requireSameCell(state, finding);
        if (state.lastWindowEnd() != null && !finding.windowEnd().isAfter(state.lastWindowEnd())) {
            return new Step(state, Optional.empty());
        }
        if (state.openAlert() != null) {
            return finding.elevated() ? whileOpen(state, finding) : quietWhileOpen(state, finding);
        }
        if (state.cooldownLeft() > 0) {
            return next(state, finding, 0, 0, state.cooldownLeft() - 1, null, null);
        }
        int streak = finding.anomalous() ? state.anomalousStreak() + 1 : 0;
        if (streak < params.persistence()) {
            return next(state, finding, streak, 0, 0, null, null);
        }
        Alert opened = alert(alertId(finding), AlertStatus.OPEN, finding.windowEnd(), finding, Severity.of(finding));
        return next(state, finding, 0, 0, 0, opened, opened);
    }

    /**
     * The next step after a window in which the cell had no posts at all (the window operator sees no stats for it,
     * so it must say so): a quiet window, which resolves an open incident like any other. Does nothing for a cell
     * that has never had a finding.
     */
    public Step onEmptyWindow(LifecycleState state, Instant windowStart, Instant windowEnd) {
        if (state.kind() == null) {
            return new Step(state, Optional.empty());
        }
        double expected = state.openAlert() == null ? 0 : state.openAlert().expected();
        Finding nothing = new Finding(state.kind(), state.topic(), state.locationId(), state.locationName(),
                windowStart, windowEnd, false, false, 0, expected, 0, 0, 0, 0, List.of());
        return onFinding(state, nothing);
    }

    private Step whileOpen(LifecycleState state, Finding finding) {
        Alert last = state.openAlert();
        int severity = Severity.of(finding);
        // Any rise is news; a fall only once it is clear, so that a wobble of one does not flood the stream.
        if (severity > last.severity() || severity <= last.severity() - params.downgradeBy()) {
            Alert updated = alert(last.id(), AlertStatus.UPDATED, last.openedAt(), finding, severity);
            return next(state, finding, 0, 0, 0, updated, updated);
        }
        return next(state, finding, 0, 0, 0, last, null);
    }

    private Step quietWhileOpen(LifecycleState state, Finding finding) {
        Alert last = state.openAlert();
        int quiet = state.quietStreak() + 1;
        if (quiet < params.resolveAfter()) {
            return next(state, finding, 0, quiet, 0, last, null);
        }
        Alert resolved = alert(last.id(), AlertStatus.RESOLVED, last.openedAt(), finding, last.severity());
        return next(state, finding, 0, 0, params.cooldown(), null, resolved);
    }

    private static Step next(LifecycleState state, Finding finding, int anomalousStreak, int quietStreak,
                             int cooldownLeft, Alert openAlert, Alert toSend) {
        LifecycleState nextState = new LifecycleState(finding.kind(), finding.topic(), finding.locationId(),
                finding.locationName() != null ? finding.locationName() : state.locationName(), finding.windowEnd(),
                anomalousStreak, quietStreak, cooldownLeft, openAlert);
        return new Step(nextState, Optional.ofNullable(toSend));
    }

    private static Alert alert(String id, AlertStatus status, Instant openedAt, Finding f, int severity) {
        return new Alert(id, f.kind(), status, f.topic(), f.locationId(), f.locationName(), f.windowStart(),
                f.windowEnd(), openedAt, f.observed(), f.expected(), f.ratio(), f.ratioLower(), f.ratioUpper(),
                f.statistic(), f.posts(), severity, f.evidencePostIds(), AlertSummary.of(f, status));
    }

    /**
     * A stable hash of what makes an incident: the cell and the window end at which it opened. The same stream
     * gives the same ids on every replay and at any parallelism; a later incident of the same cell gets a new one.
     */
    static String alertId(Finding opening) {
        String key = opening.kind() + "|" + opening.topic() + "|" + opening.locationId() + "|" + opening.windowEnd();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static void requireSameCell(LifecycleState state, Finding finding) {
        if (state.kind() != null && (state.kind() != finding.kind() || !Objects.equals(state.topic(), finding.topic())
                || !Objects.equals(state.locationId(), finding.locationId()))) {
            throw new IllegalArgumentException("a lifecycle state belongs to one cell: state is " + state.kind() + "|"
                    + state.topic() + "|" + state.locationId() + ", finding is " + finding.kind() + "|"
                    + finding.topic() + "|" + finding.locationId());
        }
    }
}
