package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** A {@code local} command running on another thread, as a user runs it in a terminal, stopped as by Ctrl-C. */
final class RunningLocalService {

    private final CompletableFuture<Void> stopRequest = new CompletableFuture<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit;

    private RunningLocalService(LocalService command, String... args) {
        CommandLine cli = new CommandLine(command.stopWhen(stopRequest));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
    }

    /** Starts {@code command} and returns once its output has {@code ready}, failing if it ends or takes too long. */
    static RunningLocalService start(LocalService command, String ready, Duration within, String... args)
            throws InterruptedException {
        RunningLocalService running = new RunningLocalService(command, args);
        long deadline = System.nanoTime() + within.toNanos();
        while (!running.output().contains(ready)) {
            assertThat(running.exit).as("the command ended early: %s%s", running.output(), running.err).isNotDone();
            assertThat(System.nanoTime()).as("not ready within %s: %s", within, running.output()).isLessThan(deadline);
            Thread.sleep(100);
        }
        return running;
    }

    String output() {
        synchronized (out) {
            return out.toString();
        }
    }

    /** Asks the command to stop and returns its exit code. */
    int stop() throws Exception {
        stopRequest.complete(null);
        return exit.get(60, TimeUnit.SECONDS);
    }
}
