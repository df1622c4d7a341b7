package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.util.concurrent.CompletionException;
import org.apache.flink.runtime.client.JobInitializationException;
import org.apache.flink.util.FlinkException;
import org.junit.jupiter.api.Test;

/** Why a saved state cannot be restored, in a few words, from the chains Flink 2.2 throws (seen in qa3's runs). */
class CannotResumeExceptionTest {

    @Test
    void aRemovedOutputIsSaidInEarshotTermsWithoutFlinksOptions() {
        Throwable failure = submission(new IllegalStateException("Failed to rollback to checkpoint/savepoint "
                + "file:/tmp/state/savepoints/savepoint-85a018-1. Cannot map checkpoint/savepoint state for operator "
                + "ccb45889bd00522bf7633018772b2846 to the new program, because the operator is not available in the new "
                + "program. If you want to allow to skip this, you can set the --allowNonRestoredState option on the CLI."));

        assertThat(CannotResumeException.isRestoreFailure(failure)).isTrue();
        assertThat(CannotResumeException.gist(failure)).isEqualTo("it holds the state of a part of the job that this "
                + "configuration no longer has (an output or input removed or changed since)");
    }

    @Test
    void aMetadataFileCutShortIsDamaged() {
        Throwable failure = submission(new RuntimeException(new EOFException()));

        assertThat(CannotResumeException.isRestoreFailure(failure)).isTrue();
        assertThat(CannotResumeException.gist(failure)).isEqualTo("its files are damaged or incomplete (EOFException)");
    }

    @Test
    void anyOtherCauseIsItsFirstLineCutShort() {
        Throwable failure = submission(new IllegalArgumentException("first line\n" + "x".repeat(300)));
        assertThat(CannotResumeException.gist(failure)).isEqualTo("IllegalArgumentException: first line");

        String gist = CannotResumeException.gist(submission(new IllegalArgumentException("y".repeat(300))));
        assertThat(gist).hasSize(201).endsWith("y…");
    }

    /** How executeAsync reports a job whose JobMaster could not restore it. */
    private static Throwable submission(Throwable restoreFailure) {
        return new FlinkException("Failed to execute job 'earshot'.", new RuntimeException(new JobInitializationException(
                null, "Could not start the JobMaster.", new CompletionException(restoreFailure))));
    }
}
