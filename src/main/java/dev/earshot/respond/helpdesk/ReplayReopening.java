package dev.earshot.respond.helpdesk;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;

/**
 * Whether a replay sets a ticket back to open when a restored writer's read-back finds the replayed posts delivered
 * already. Either the process stopped between adding them and reopening the ticket (a matter of milliseconds), and
 * the agents never saw them, or an agent read them and finished the ticket while Earshot was down: the markers look
 * the same. The times tell them apart. The ticket is reopened only if its status is one that new posts reopen (see
 * {@link Reopening}) and it got that status before Earshot's last comment or note holding the replayed posts was
 * added. A status set in the same second (helpdesks give whole seconds), or later, may have been set by an agent who
 * read the posts: the ticket is left as it is. So is one whose status change or comment has no time, as nothing
 * then tells whether an agent saw the posts.
 */
public final class ReplayReopening {

    /** What the replay does with the ticket, and why. */
    public enum Verdict {
        /** Finished before Earshot added the posts: the agents never saw them. */
        REOPEN,
        /** Finished in the same second as the posts were added or later, perhaps by an agent who read them: left. */
        FINISHED_AFTER_THE_POSTS,
        /** In a status that new posts do not change (open, new, on hold, a custom one): left. */
        NOT_FINISHED,
        /** The helpdesk does not say when the ticket got its status, or when the posts were added: left. */
        NO_STATUS_CHANGE_TIME
    }

    /** A text Earshot wrote into a ticket (a comment, a note, a description) and when the helpdesk says it was added. */
    public record Written(String text, Instant at) {
    }

    /** A Zendesk audit event that set a ticket's status ({@code Create} or {@code Change}), at its audit's time. */
    public record StatusSet(String status, Instant at) {
    }

    private ReplayReopening() {
    }

    /**
     * @param statusReopens whether the ticket's status is one that new posts reopen
     * @param finishedAt when the ticket got that status, or null when the helpdesk does not say
     * @param postsAddedAt when Earshot's last comment or note holding the replayed posts was added, or null
     */
    public static Verdict verdict(boolean statusReopens, Instant finishedAt, Instant postsAddedAt) {
        if (!statusReopens) {
            return Verdict.NOT_FINISHED;
        }
        if (finishedAt == null || postsAddedAt == null) {
            return Verdict.NO_STATUS_CHANGE_TIME;
        }
        return finishedAt.isBefore(postsAddedAt) ? Verdict.REOPEN : Verdict.FINISHED_AFTER_THE_POSTS;
    }

    /**
     * A Zendesk ticket, from its audits' status events in the order Zendesk lists them (oldest first): the last one
     * set the status it has now. Without any, its status is not known.
     */
    public static Verdict zendesk(List<StatusSet> statusEvents, Instant postsAddedAt) {
        if (statusEvents.isEmpty()) {
            return Verdict.NO_STATUS_CHANGE_TIME;
        }
        StatusSet last = statusEvents.get(statusEvents.size() - 1);
        return verdict(Reopening.zendeskReopens(last.status()), last.at(), postsAddedAt);
    }

    /**
     * A Freshdesk ticket with this {@code status} and its {@code stats} times: since when it is pending (3), when it
     * was resolved (4) or closed (5).
     */
    public static Verdict freshdesk(int status, Instant pendingSince, Instant resolvedAt, Instant closedAt, Instant postsAddedAt) {
        Instant finishedAt = switch (status) {
            case 3 -> pendingSince;
            case 4 -> resolvedAt;
            case 5 -> closedAt;
            default -> null;
        };
        return verdict(Reopening.freshdeskReopens(status), finishedAt, postsAddedAt);
    }

    /** When the last of the {@code written} texts marking any of {@code postIds} was added, or null when none says. */
    public static Instant lastHolding(Collection<Written> written, Collection<String> postIds) {
        return written.stream()
                .filter(text -> text.at() != null && TicketText.markedPostIds(text.text()).stream().anyMatch(postIds::contains))
                .map(Written::at).max(Instant::compareTo).orElse(null);
    }

    /** A helpdesk's ISO-8601 time ({@code 2026-03-04T05:12:01Z}, or with an offset), or null when there is none. */
    public static Instant time(String text) {
        if (text == null || text.isBlank() || text.equals("null")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
