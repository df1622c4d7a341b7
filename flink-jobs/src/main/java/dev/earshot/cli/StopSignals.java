package dev.earshot.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and kill (SIGTERM) during a local run. The first asks the run to stop cleanly ({@link #requested()});
 * a second stops the process at once. Handlers replace the JVM's own, which would start its shutdown: the run could
 * then not finish its files, as Flink's own shutdown hooks tear the MiniCluster down at the same time. The JDK has no
 * supported API for signals; {@code sun.misc.Signal} (module jdk.unsupported) is the one that Flink and others use.
 */
final class StopSignals implements AutoCloseable {

    /** A request to stop: the signal's name, and the exit code a process it ended would have (128 + its number). */
    record Stop(String signal, int exitCode) {
    }

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final CompletableFuture<Stop> requested = new CompletableFuture<>();
    private final Map<Signal, SignalHandler> previous = new HashMap<>();
    private final PrintStream out;

    private StopSignals(PrintStream out) {
        this.out = out;
    }

    /** Handles SIGINT and SIGTERM until {@link #close()}. */
    static StopSignals install(PrintStream out) {
        StopSignals signals = new StopSignals(out);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            signals.previous.put(signal, Signal.handle(signal, signals::handle));
        }
        return signals;
    }

    /** Completes with the first stop asked for. */
    CompletableFuture<Stop> requested() {
        return requested;
    }

    private void handle(Signal signal) {
        Stop stop = new Stop("SIG" + signal.getName(), 128 + signal.getNumber());
        if (!requested.complete(stop)) {
            out.println("stopping at once (" + stop.signal() + " again): files end with a whole line, without the lines not yet written");
            out.flush();
            Runtime.getRuntime().halt(stop.exitCode());
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
