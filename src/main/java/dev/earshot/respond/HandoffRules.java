package dev.earshot.respond;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * When a post is a venting customer's, which posts make one conversation, and how its ticket is prioritised.
 *
 * @param accounts the brand or city handles we answer for, without the @, matched case-insensitively
 * @param negativeBelow a post is negative when its sentiment score is below this; null to trust the sentiment's
 *     label instead (negative when labelled NEGATIVE)
 * @param lookBack how long a conversation is remembered after its last post; after that its state may be
 *     forgotten (see {@link ConversationTracker#forgetAt}). Must cover quietPeriod + reopenWindow.
 * @param quietPeriod a ticket whose last post is older than this is closed
 * @param reopenWindow after closing, a venting post within this reopens the same ticket; later ones open a new one
 * @param complaintCues words or phrases signalling complaint intent, shown to the agent as reasons
 * @param urgentWords words or phrases that make a ticket URGENT
 * @param influentialFollowers an author with at least this many followers raises the priority
 * @param worseningDrop the latest score this much below the ticket's first raises the priority
 * @param persistentPosts a conversation with at least this many posts raises the priority
 * @param maxPostsPerTicket the ticket keeps only its latest posts, so that state stays bounded
 */
public record HandoffRules(
        List<String> accounts,
        Double negativeBelow,
        Duration lookBack,
        Duration quietPeriod,
        Duration reopenWindow,
        List<String> complaintCues,
        List<String> urgentWords,
        long influentialFollowers,
        double worseningDrop,
        int persistentPosts,
        int maxPostsPerTicket) implements Serializable {

    public HandoffRules {
        if (accounts == null || accounts.isEmpty()) {
            throw new IllegalArgumentException("accounts must list at least one handle we answer for, e.g. [CityCareDesk]");
        }
        for (String account : accounts) {
            if (account == null || account.isBlank() || account.startsWith("@") || account.contains(" ")) {
                throw new IllegalArgumentException(
                        "accounts must be handles without '@' or spaces, e.g. CityCareDesk; was '" + account + "'");
            }
        }
        if (negativeBelow != null && !(negativeBelow > -1 && negativeBelow <= 1)) {
            throw new IllegalArgumentException(
                    "negativeBelow must be in (-1, 1], e.g. -0.05, or null to use the label NEGATIVE; was " + negativeBelow);
        }
        requirePositive(lookBack, "lookBack", "7d");
        requirePositive(quietPeriod, "quietPeriod", "48h");
        requirePositive(reopenWindow, "reopenWindow", "72h");
        if (lookBack.compareTo(quietPeriod.plus(reopenWindow)) < 0) {
            throw new IllegalArgumentException("lookBack (" + lookBack + ") must be at least quietPeriod + reopenWindow ("
                    + quietPeriod.plus(reopenWindow) + ") so that a reopening post still finds its ticket; raise lookBack");
        }
        complaintCues = phrases(complaintCues, "complaintCues");
        urgentWords = phrases(urgentWords, "urgentWords");
        if (influentialFollowers < 1) {
            throw new IllegalArgumentException("influentialFollowers must be >= 1, e.g. 10000; was " + influentialFollowers);
        }
        if (!(worseningDrop > 0 && worseningDrop <= 2)) {
            throw new IllegalArgumentException("worseningDrop must be in (0, 2], e.g. 0.2; was " + worseningDrop);
        }
        if (persistentPosts < 2) {
            throw new IllegalArgumentException("persistentPosts must be >= 2, e.g. 3; was " + persistentPosts);
        }
        if (maxPostsPerTicket < 2) {
            throw new IllegalArgumentException("maxPostsPerTicket must be >= 2, e.g. 50; was " + maxPostsPerTicket);
        }
        accounts = List.copyOf(accounts);
    }

    public static HandoffRules defaults() {
        return new HandoffRules(
                List.of("CityCareDesk"),
                -0.05,
                Duration.ofDays(7),
                Duration.ofHours(48),
                Duration.ofHours(72),
                List.of("still", "again", "no response", "fix", "nobody", "complaint", "waiting", "refund", "why",
                        "when will"),
                List.of("emergency", "danger", "dangerous", "unsafe", "fire", "accident", "injured", "urgent"),
                10_000,
                0.2,
                3,
                50);
    }

    /** The configured spelling of {@code handle} when it is one of our accounts, else null. */
    String accountFor(String handle) {
        if (handle == null) {
            return null;
        }
        for (String account : accounts) {
            if (account.equalsIgnoreCase(handle)) {
                return account;
            }
        }
        return null;
    }

    private static void requirePositive(Duration value, String name, String example) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, e.g. " + example + "; was " + value);
        }
    }

    private static List<String> phrases(List<String> values, String name) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not contain blank entries; remove them");
            }
        }
        return values.stream().map(value -> value.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
