package dev.earshot.startup;

/** A configured service that start-up could not reach or use; the message names the key and the fix. */
public final class ServiceCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
