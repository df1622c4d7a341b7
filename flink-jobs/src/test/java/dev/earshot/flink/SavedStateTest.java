package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedStateTest {

    private static final Instant T0 = Instant.parse("2026-03-04T07:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aMissingOrEmptyFolderHoldsNoState() throws Exception {
        assertThat(new SavedState(dir.resolve("absent")).newest()).isEmpty();
        Files.createDirectories(dir.resolve("savepoints"));
        Files.createDirectories(dir.resolve("checkpoints/0123abcd/shared"));
        assertThat(new SavedState(dir).newest()).isEmpty();
    }

    @Test
    void theNewestSavepointIsChosen() throws Exception {
        write("savepoints/savepoint-aaaaaa-1", T0);
        Path newer = write("savepoints/savepoint-bbbbbb-2", T0.plusSeconds(60));

        assertThat(new SavedState(dir).newest()).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.path()).isEqualTo(newer);
            assertThat(snapshot.savedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(snapshot.kind()).isEqualTo("savepoint");
        });
    }

    @Test
    void aCheckpointRetainedAfterACrashIsChosenWhenNewerThanTheSavepoint() throws Exception {
        write("savepoints/savepoint-aaaaaa-1", T0);
        write("checkpoints/0123abcd/chk-7", T0.plusSeconds(30));
        Path newest = write("checkpoints/0123abcd/chk-8", T0.plusSeconds(60));

        assertThat(new SavedState(dir).newest()).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.path()).isEqualTo(newest);
            assertThat(snapshot.kind()).isEqualTo("checkpoint");
        });
    }

    @Test
    void aSavepointNewerThanTheCheckpointsIsChosen() throws Exception {
        write("checkpoints/0123abcd/chk-8", T0);
        Path savepoint = write("savepoints/savepoint-aaaaaa-1", T0.plusSeconds(1));

        assertThat(new SavedState(dir).newest()).map(SavedState.Snapshot::path).hasValue(savepoint);
    }

    @Test
    void aFolderWithoutMetadataIsIncompleteAndSkipped() throws Exception {
        Path complete = write("savepoints/savepoint-aaaaaa-1", T0);
        // interrupted while writing: newer, but without _metadata
        Files.createDirectories(dir.resolve("savepoints/savepoint-bbbbbb-2"));
        Files.createDirectories(dir.resolve("checkpoints/0123abcd/chk-9"));
        // Flink's own folders next to the chk-N ones are no checkpoints
        write("checkpoints/0123abcd/shared", T0.plusSeconds(90));

        assertThat(new SavedState(dir).newest()).map(SavedState.Snapshot::path).hasValue(complete);
    }

    /** A snapshot folder under the state folder, its metadata written at {@code at}. */
    private Path write(String folder, Instant at) throws Exception {
        Path snapshot = Files.createDirectories(dir.resolve(folder));
        Path metadata = Files.write(snapshot.resolve("_metadata"), new byte[] {1});
        Files.setLastModifiedTime(metadata, FileTime.from(at));
        return snapshot.toAbsolutePath().normalize();
    }
}
