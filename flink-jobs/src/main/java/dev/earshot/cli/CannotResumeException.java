package dev.earshot.cli;

import dev.earshot.flink.SavedState;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The saved state of an earlier run cannot be restored, typically because the job changed (an operator or the type of
 * its state): the run stops rather than start without it, which would reopen tickets and incidents.
 */
final class CannotResumeException extends RuntimeException {

    /** What Flink says when it cannot map or read saved state: the job fails before or while its tasks restore. */
    private static final List<String> RESTORE_FAILURES = List.of("JobInitializationException",
            "StateMigrationException", "Failed to rollback to checkpoint/savepoint", "Cannot map checkpoint/savepoint state",
            "StreamOperatorStateContext", "restore", "Restore");

    CannotResumeException(Path dir, SavedState.Snapshot snapshot, Throwable failure) {
        super(String.format("cannot resume from the %s %s saved at %s: %s%n"
                        + "The job changed in a way its saved state cannot follow. Either run the Earshot version and "
                        + "configuration that saved it, or start without it: `earshot run --fresh` (detection and tickets "
                        + "start empty; the state in %s is replaced when that run stops), or move %s away or set checkpoint.dir "
                        + "to another folder.",
                snapshot.kind(), snapshot.path(), snapshot.savedAt().truncatedTo(ChronoUnit.SECONDS),
                EarshotCli.causes(failure), dir, dir), failure);
    }

    static boolean isRestoreFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String said = t.getClass().getSimpleName() + ": " + t.getMessage();
            if (RESTORE_FAILURES.stream().anyMatch(said::contains)) {
                return true;
            }
        }
        return false;
    }
}
