package dev.earshot.connectors.helpdesk;

import dev.earshot.respond.helpdesk.DeliveredTicket;

/**
 * A delivery that failed for good: the helpdesk refused it (401, 403, 422 and other 4xx), or it kept failing
 * (429, 5xx, timeouts) until the attempts ran out. The message is shown to people, so it never holds a secret.
 */
public final class DeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status the helpdesk refused the request with, or 0 when it did not answer with a refusal. */
    private final int refusedWith;
    /** What the helpdesk holds although the delivery failed (the posts were added, reopening failed), or null. */
    private final transient DeliveredTicket heldAnyway;

    public DeliveryException(String message) {
        this(message, 0);
    }

    DeliveryException(String message, int refusedWith) {
        this(message, refusedWith, null);
    }

    private DeliveryException(String message, int refusedWith, DeliveredTicket heldAnyway) {
        super(message, null, false, false);
        this.refusedWith = refusedWith;
        this.heldAnyway = heldAnyway;
    }

    /**
     * A failure after part of the version was delivered: the state must know {@code held}, so that the ticket's
     * next version does not add the same posts again.
     */
    static DeliveryException partly(String message, DeliveredTicket held) {
        return new DeliveryException(message, 0, held);
    }

    DeliveredTicket heldAnyway() {
        return heldAnyway;
    }

    int refusedWith() {
        return refusedWith;
    }
}
