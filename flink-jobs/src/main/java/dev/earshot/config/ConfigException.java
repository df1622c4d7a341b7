package dev.earshot.config;

/**
 * A configuration that Earshot refuses to start with; the message names the key and the fix, and writes durations
 * as earshot.yaml does (5m, not Java's PT5M), whichever check wrote it.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(Durations.inYamlTerms(message));
    }

    public ConfigException(String message, Throwable cause) {
        super(Durations.inYamlTerms(message), cause);
    }
}
