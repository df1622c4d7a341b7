package dev.earshot.connectors.helpdesk;

/**
 * A delivery that failed for good: the helpdesk refused it (401, 403, 422 and other 4xx), or it kept failing
 * (429, 5xx, timeouts) until the attempts ran out. The message is shown to people, so it never holds a secret.
 */
public final class DeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status the helpdesk refused the request with, or 0 when it did not answer with a refusal. */
    private final int refusedWith;

    public DeliveryException(String message) {
        this(message, 0);
    }

    DeliveryException(String message, int refusedWith) {
        super(message, null, false, false);
        this.refusedWith = refusedWith;
    }

    int refusedWith() {
        return refusedWith;
    }
}
