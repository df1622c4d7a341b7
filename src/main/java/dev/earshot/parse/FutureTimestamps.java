package dev.earshot.parse;

import dev.earshot.model.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A post cannot be written after it was read, beyond the skew between two clocks. A time further ahead is a wrong
 * clock (a device's, a typo in a CSV, a bot's): let through, it would move event time ahead, and every later post
 * would be too late for its windows. A replayed file is dated in the past, so the bound never rejects its posts.
 */
final class FutureTimestamps {

    private FutureTimestamps() {
    }

    /**
     * Why the post's {@code createdAt} or {@code editedAt} is too far after {@code readAt}, or empty when neither is.
     *
     * @param readAt the earliest time the record is known to have existed: when it was read, or when the network
     *     received it if the record says so
     * @param readBy what {@code readAt} is, for the reason, e.g. "the time it was read"
     */
    static Optional<String> violation(Post post, Instant readAt, String readBy, Duration limit) {
        Instant latest = readAt.plus(limit);
        String field = post.createdAt().isAfter(latest) ? "createdAt"
                : post.editedAt() != null && post.editedAt().isAfter(latest) ? "editedAt" : null;
        if (field == null) {
            return Optional.empty();
        }
        Instant time = field.equals("createdAt") ? post.createdAt() : post.editedAt();
        return Optional.of(field + " " + time + " is " + readable(Duration.between(readAt, time)) + " after " + readBy
                + " (" + readAt + "), more than the limit of " + readable(limit) + " (parse.maxFutureSkew): fix the"
                + " clock that dated the post, or raise the limit");
    }

    /** 26,603 days; 1d 5h; 5h 30m; 15m; 45s: whole units, as a person reads them. */
    static String readable(Duration duration) {
        if (duration.isNegative()) {
            return "-" + readable(duration.negated());
        }
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toDays() >= 2) {
            return String.format(Locale.ROOT, "%,d days", duration.toDays());
        }
        String text = (duration.toDaysPart() > 0 ? " " + duration.toDaysPart() + "d" : "")
                + (duration.toHoursPart() > 0 ? " " + duration.toHoursPart() + "h" : "")
                + (duration.toMinutesPart() > 0 ? " " + duration.toMinutesPart() + "m" : "")
                + (duration.toSecondsPart() > 0 && duration.toHours() == 0 ? " " + duration.toSecondsPart() + "s" : "");
        return text.isEmpty() ? duration.toMillis() + "ms" : text.substring(1);
    }
}
