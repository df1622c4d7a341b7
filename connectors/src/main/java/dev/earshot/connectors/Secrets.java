package dev.earshot.connectors;

import java.io.Serializable;

/**
 * Where credentials (helpdesk tokens, webhook URLs and signing keys) come from: the configuration names environment variables, and their values are read on the
 * task that uses them, so that no secret sits in the configuration, the job graph, logs or dead letters.
 */
@FunctionalInterface
public interface Secrets extends Serializable {

    /** The value of the named variable, or null when it is not set. */
    String get(String name);

    static Secrets environment() {
        return System::getenv;
    }
}
