package dev.earshot.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

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
}
