package dev.earshot.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the {@code local} commands share: each runs a service on a port until Ctrl-C, or, in a test, which cannot send
 * this JVM a Ctrl-C, until a future completes.
 */
abstract class LocalService implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Completes when the service should stop; null: at Ctrl-C or kill. */
    private CompletableFuture<?> stopRequested;

    /** For tests: stops the service when {@code stop} completes. */
    final LocalService stopWhen(CompletableFuture<?> stop) {
        this.stopRequested = stop;
        return this;
    }

    static void requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + ": not a TCP port, use 1-65535");
        }
    }

    /** Ctrl-C's handler, to close when the service has stopped; null when a test stops it. */
    final StopSignals installSignals() {
        return stopRequested == null ? StopSignals.install(System.out) : null;
    }

    /** Completes when the service should stop. */
    final CompletableFuture<?> stopRequest(StopSignals signals) {
        return stopRequested != null ? stopRequested : signals.requested();
    }
}
