package dev.earshot.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** For tests of commands that read one test resource as {@code --data}: a copy of it in a fresh folder. */
abstract class CliDataFixture {

    /** Where the commands read and write files. */
    @TempDir
    Path folder;

    /** The copy of {@link #dataResource()} in {@link #folder}. */
    Path data;

    /** The test resource the commands read, e.g. {@code /eval/tiny-tweets.csv}. */
    abstract String dataResource();

    @BeforeEach
    void copyData() throws IOException {
        data = CliRun.fixture(dataResource(), folder);
    }
}
