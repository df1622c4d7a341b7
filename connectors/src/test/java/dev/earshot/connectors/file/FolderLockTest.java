package dev.earshot.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLockTest {

    @TempDir
    Path work;

    @Test
    void aTakeLeavingNothingRefusesASecondTakerAndRemovesItsLockFileAndTheFolderItMade() throws Exception {
        Path folder = work.resolve("redelivery");
        Optional<AutoCloseable> first = FolderLock.tryTakeLeavingNothing(folder, ".lock");
        assertThat(first).isPresent();
        assertThat(FolderLock.tryTakeLeavingNothing(folder, ".lock")).as("while the first holds it").isEmpty();
        Files.writeString(folder.resolve("kept.jsonl"), "{}\n");

        first.get().close();
        assertThat(folder.resolve(".lock")).doesNotExist();
        assertThat(folder).as("holds what was written in it").isDirectory();

        Files.delete(folder.resolve("kept.jsonl"));
        FolderLock.tryTakeLeavingNothing(folder, ".lock").orElseThrow().close();
        assertThat(folder).as("a folder it did not make stays, empty").isEmptyDirectory();
        FolderLock.tryTakeLeavingNothing(work.resolve("made"), ".lock").orElseThrow().close();
        assertThat(work.resolve("made")).as("a folder it made and left empty goes").doesNotExist();
    }

    /** Its holder deleted the lock file, and the folder it made, as it let go: after the taker had locked that file. */
    @Test
    void aTakerThatLockedAFileItsHolderDeletedTakesTheOneThereNow() throws Exception {
        Path folder = work.resolve("redelivery");
        Path lockFile = folder.resolve(".lock");
        int[] releases = {0};
        AutoCloseable taken = FolderLock.tryTakeLeavingNothing(folder, ".lock", () -> {
            if (releases[0]++ == 0) {
                Files.delete(lockFile);
                Files.delete(folder);
            }
        }).orElseThrow();

        assertThat(releases[0]).as("tried again").isEqualTo(2);
        assertThat(FolderLock.tryTakeLeavingNothing(folder, ".lock")).as("the file it holds is the one there").isEmpty();
        taken.close();
        assertThat(folder).as("made again by this taker, so removed by it").doesNotExist();
    }

    @Test
    void aTakerThatLosesEveryRaceSaysSoNamingTheLockFile() {
        Path folder = work.resolve("redelivery");
        int[] releases = {0};

        assertThatThrownBy(() -> FolderLock.tryTakeLeavingNothing(folder, ".lock", () -> {
            releases[0]++;
            Files.delete(folder.resolve(".lock"));
        })).isInstanceOf(IOException.class).hasMessageStartingWith(folder.resolve(".lock") + ": its holders deleted it");
        assertThat(releases[0]).isEqualTo(FolderLock.ATTEMPTS);
    }
}
