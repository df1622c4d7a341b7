package dev.earshot.connectors.http;

import java.io.Serializable;

/**
 * Where channel secrets are looked up by name: the process environment in production. The configuration holds
 * only the names, so secrets never travel in the job graph or appear in configuration dumps.
 */
@FunctionalInterface
public interface SecretSource extends Serializable {

    /** The value of the named secret, or null when it is not set. */
    String get(String name);

    /** The task manager's environment variables. */
    static SecretSource environment() {
        return System::getenv;
    }
}
