package dev.earshot.connectors.helpdesk;

import java.util.concurrent.atomic.AtomicLong;

/** What a delivery did, for metrics and the benchmark; updated from HTTP callback threads. */
public final class DeliveryCounters {

    /** Ticket versions submitted: each ends delivered or a dead letter. */
    final AtomicLong versions = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong ticketsOpened = new AtomicLong();
    final AtomicLong commentsAdded = new AtomicLong();
    final AtomicLong ticketsFound = new AtomicLong();
    final AtomicLong postsRemoved = new AtomicLong();
    final AtomicLong postsEdited = new AtomicLong();
    final AtomicLong ticketsReopened = new AtomicLong();
    final AtomicLong followUpsOpened = new AtomicLong();
    final AtomicLong versionsDelivered = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();

    public long versions() {
        return versions.get();
    }

    public long requests() {
        return requests.get();
    }

    /** Requests sent again after a 429, a 5xx, a timeout or a connection error. */
    public long retries() {
        return retries.get();
    }

    public long ticketsOpened() {
        return ticketsOpened.get();
    }

    public long commentsAdded() {
        return commentsAdded.get();
    }

    /** Helpdesk tickets found again by external id or tag, because the job's state did not know them. */
    public long ticketsFound() {
        return ticketsFound.get();
    }

    /** Deleted posts whose text was removed from helpdesk tickets (redacted, rewritten, or left out of a new version). */
    public long postsRemoved() {
        return postsRemoved.get();
    }

    /** Posts edited on their network whose new text replaced the earlier one in helpdesk tickets. */
    public long postsEdited() {
        return postsEdited.get();
    }

    /** Tickets the agents had finished with (pending, solved, resolved, closed) put back to open by new posts. */
    public long ticketsReopened() {
        return ticketsReopened.get();
    }

    /** Follow-up tickets opened for new posts on a closed Zendesk ticket. */
    public long followUpsOpened() {
        return followUpsOpened.get();
    }

    public long versionsDelivered() {
        return versionsDelivered.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }
}
