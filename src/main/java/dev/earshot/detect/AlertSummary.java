package dev.earshot.detect;

import dev.earshot.model.AlertStatus;
import java.util.Locale;

/** The one human sentence of an alert: what, where and how much. */
final class AlertSummary {

    private AlertSummary() {
    }

    static String of(Finding f, AlertStatus status) {
        String subject = topicName(f.topic()) + " posts in " + (f.locationName() == null ? f.locationId() : f.locationName());
        if (status == AlertStatus.RESOLVED) {
            return "Resolved: " + (f.posts() == 0 ? subject + " stopped (no posts in the latest window)" : resolved(f, subject));
        }
        return switch (f.kind()) {
            case PEER_OUTLIER -> format("%s are %.1fx more negative than in other cities (%s vs %s negative, %d posts, lower bound %.1fx%s)",
                    subject, f.ratio(), percent(f.observed()), percent(f.expected()), f.posts(), f.ratioLower(),
                    f.ratioUpper() == null ? "" : format(", upper bound %.1fx", f.ratioUpper()));
            case NEGATIVE_SPIKE -> format("%s are %.1fx more negative than their own baseline (%s vs %s negative, %d posts)",
                    subject, f.ratio(), percent(f.observed()), percent(f.expected()), f.posts());
            case VOLUME_SURGE -> format("%s surged %.1fx above normal volume (%d posts vs %.0f)",
                    subject, f.ratio(), f.posts(), f.expected());
        };
    }

    private static String resolved(Finding f, String subject) {
        String shares = format("(%s vs %s negative, %d posts)", percent(f.observed()), percent(f.expected()), f.posts());
        return switch (f.kind()) {
            case PEER_OUTLIER -> subject + " are back in line with other cities " + shares;
            case NEGATIVE_SPIKE -> subject + " are back to their usual tone " + shares;
            case VOLUME_SURGE -> format("%s are back to normal volume (%d posts vs %.0f)", subject, f.posts(), f.expected());
        };
    }

    /** {@code public_transport} reads as "Public transport". */
    static String topicName(String topicId) {
        String words = topicId.replace('_', ' ').trim();
        return words.isEmpty() ? topicId : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String percent(double share) {
        return format("%.0f%%", 100 * share);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
