package dev.earshot.cli;

import dev.earshot.flink.SavedState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The saved state of an earlier run cannot be restored, typically because the job changed (an operator or the type of
 * its state) or its files are damaged: the run stops rather than start without it, which would reopen tickets and
 * incidents. One line: the folder, why, and the fix.
 */
final class CannotResumeException extends RuntimeException {

    /** Flink's words for saved state of an operator the job no longer has. */
    private static final String UNMAPPED = "Cannot map checkpoint/savepoint state";
    /** What Flink says when it cannot map or read saved state: the job fails before or while its tasks restore. */
    private static final List<String> RESTORE_FAILURES = List.of("JobInitializationException",
            "StateMigrationException", "Failed to rollback to checkpoint/savepoint", UNMAPPED,
            "StreamOperatorStateContext", "restore", "Restore");
    private static final int GIST_LENGTH = 200;

    CannotResumeException(Path dir, SavedState.Snapshot snapshot, Throwable failure) {
        super(String.format("cannot resume from the %s %s saved at %s (checkpoint.dir %s): %s. Run the Earshot version "
                        + "and configuration that saved it, or start without it with `earshot run --fresh` (detection and "
                        + "tickets start empty; the state in %s is replaced when that run stops)",
                snapshot.kind(), snapshot.path(), snapshot.savedAt().truncatedTo(ChronoUnit.SECONDS), dir, gist(failure),
                dir), failure);
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

    /** Why, in a few words: Flink's own message points to options Earshot does not have (--allowNonRestoredState). */
    static String gist(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(UNMAPPED)) {
                return "it holds the state of a part of the job that this configuration no longer has (an output or "
                        + "input removed or changed since)";
            }
            if (t.getClass().getSimpleName().equals("StateMigrationException")) {
                return "the type of a stage's state changed since (" + oneLine(t) + ")";
            }
            root = t;
        }
        if (root instanceof IOException) {
            return "its files are damaged or incomplete (" + oneLine(root) + ")";
        }
        return oneLine(root);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("").strip();
        String said = t.getClass().getSimpleName() + message;
        return said.length() <= GIST_LENGTH ? said : said.substring(0, GIST_LENGTH) + "…";
    }
}
