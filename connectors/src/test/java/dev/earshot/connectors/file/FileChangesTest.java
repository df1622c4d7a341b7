package dev.earshot.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChangesTest {

    @TempDir
    Path dir;

    @Test
    void theFirstReadIsAChangeAndAnUnchangedFileIsNot() throws Exception {
        Path file = Files.writeString(dir.resolve("taxonomy.yaml"), "topics: []\n");
        FileChanges changes = new FileChanges(file);

        assertThat(changes.poll()).contains("topics: []\n");
        assertThat(changes.poll()).isEmpty();
        assertThat(changes.poll()).isEmpty();
    }

    @Test
    void anEditInPlaceIsAChangeEvenWithTheSameSizeAndModificationTime() throws Exception {
        Path file = Files.writeString(dir.resolve("taxonomy.yaml"), "version: a\n");
        FileTime time = FileTime.from(Instant.parse("2026-03-02T08:00:00Z"));
        Files.setLastModifiedTime(file, time);
        FileChanges changes = new FileChanges(file);
        changes.poll();

        Files.writeString(file, "version: b\n");
        Files.setLastModifiedTime(file, time);

        assertThat(changes.poll()).contains("version: b\n");
    }

    @Test
    void touchingTheFileOrSavingTheSameContentIsNoChange() throws Exception {
        Path file = Files.writeString(dir.resolve("taxonomy.yaml"), "version: a\n");
        FileChanges changes = new FileChanges(file);
        changes.poll();

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(changes.poll()).isEmpty();
        Files.writeString(file, "version: a\n");
        assertThat(changes.poll()).isEmpty();
    }

    @Test
    void aFileReplacedByRenameIsSeen() throws Exception {
        Path file = Files.writeString(dir.resolve("taxonomy.yaml"), "version: a\n");
        FileChanges changes = new FileChanges(file);
        changes.poll();

        Path saved = Files.writeString(dir.resolve(".taxonomy.yaml.swp"), "version: b\n");
        Files.move(saved, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(changes.poll()).contains("version: b\n");
    }

    @Test
    void aMissingFileIsNoChangeAndItsReturnWithTheSameContentIsNoneEither() throws Exception {
        Path file = Files.writeString(dir.resolve("taxonomy.yaml"), "version: a\n");
        FileChanges changes = new FileChanges(file);
        changes.poll();

        Files.delete(file);
        assertThat(changes.poll()).isEmpty();
        assertThat(changes.poll()).isEmpty();

        Files.writeString(file, "version: a\n");
        assertThat(changes.poll()).isEmpty();
        Files.writeString(file, "version: c\n");
        assertThat(changes.poll()).contains("version: c\n");
    }

    @Test
    void goingBackToAnEarlierContentIsAChange() throws Exception {
        Path file = Files.writeString(dir.resolve("taxonomy.yaml"), "version: a\n");
        FileChanges changes = new FileChanges(file);
        changes.poll();
        Files.writeString(file, "version: b\n");
        changes.poll();

        Files.writeString(file, "version: a\n");

        assertThat(changes.poll()).contains("version: a\n");
    }
}
