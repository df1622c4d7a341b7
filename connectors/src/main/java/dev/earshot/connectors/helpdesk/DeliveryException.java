package dev.earshot.connectors.helpdesk;

/**
 * A delivery that failed for good: the helpdesk refused it (401, 403, 422 and other 4xx), or it kept failing
 * (429, 5xx, timeouts) until the attempts ran out. The message is shown to people, so it never holds a secret.
 */
public final class DeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeliveryException(String message) {
        super(message, null, false, false);
    }
}
