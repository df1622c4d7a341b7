package dev.earshot.eval.alerts;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import dev.earshot.sample.SampleScenario.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a run's alerts against the incidents planted in its stream: how many slides after each incident's start its
 * first OPEN alert of each expected kind came, and which OPEN alerts match no incident (false alerts).
 *
 * <p>An OPEN alert matches an incident when it has the incident's topic and city and its window overlaps the
 * incident's span; any other OPEN alert is false. The delay is (openedAt - start) / slide: a window ends every slide,
 * so 1 is the first window that holds any of the incident's posts.
 *
 * @param delays each incident's first OPEN alert of each expected kind, in slides (null: never alerted)
 * @param falseAlerts the OPEN alerts that match no incident
 * @param weeks the simulated weeks the stream spans
 */
public record AlertScore(List<Delay> delays, List<Alert> falseAlerts, double weeks) {

    /** The first OPEN alert of one kind for one incident. */
    public record Delay(Incident incident, AlertKind kind, Alert firstOpen, Double slides) {
    }

    public static AlertScore of(List<Incident> incidents, List<Alert> alerts, Duration slide, Duration period) {
        List<Alert> opened = alerts.stream().filter(a -> a.status() == AlertStatus.OPEN)
                .sorted(Comparator.comparing(Alert::openedAt)).toList();
        List<Delay> delays = new ArrayList<>();
        for (Incident incident : incidents) {
            for (AlertKind kind : incident.expectedAlerts()) {
                Alert first = opened.stream().filter(a -> a.kind() == kind && matches(a, incident)).findFirst().orElse(null);
                Double slides = first == null ? null
                        : Duration.between(incident.start(), first.openedAt()).toMillis() / (double) slide.toMillis();
                delays.add(new Delay(incident, kind, first, slides));
            }
        }
        List<Alert> falseAlerts = opened.stream().filter(a -> incidents.stream().noneMatch(i -> matches(a, i))).toList();
        return new AlertScore(delays, falseAlerts, period.toMillis() / (double) Duration.ofDays(7).toMillis());
    }

    static boolean matches(Alert alert, Incident incident) {
        return alert.topic().equals(incident.topic()) && incident.city().equals(alert.locationName())
                && alert.windowEnd().isAfter(incident.start()) && alert.windowStart().isBefore(incident.end());
    }

    /** False alerts per simulated week, over all cells. */
    public double falseAlertsPerWeek() {
        return falseAlerts.size() / weeks;
    }

    /** False alerts per topic x city, the cells with any, ordered by key. */
    public Map<String, Integer> falseAlertsByCell() {
        Map<String, Integer> byCell = new TreeMap<>();
        falseAlerts.forEach(a -> byCell.merge(a.topic() + " x " + a.locationName(), 1, Integer::sum));
        return byCell;
    }

    /** The most false alerts any one topic x city had per simulated week. */
    public double worstCellFalseAlertsPerWeek() {
        return falseAlertsByCell().values().stream().mapToInt(Integer::intValue).max().orElse(0) / weeks;
    }

    /** The longest delay in slides, or null when an incident was missed. */
    public Double worstDelay() {
        double worst = 0;
        for (Delay delay : delays) {
            if (delay.slides() == null) {
                return null;
            }
            worst = Math.max(worst, delay.slides());
        }
        return worst;
    }
}
