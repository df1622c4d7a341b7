package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files {@code redeliver --dead-letters} is given that it cannot read: one line each, naming the fix. */
class RedeliverFilesTest {

    @TempDir
    Path work;

    @Test
    void aFolderIsNamedAsOneAndItsDeadLettersFilesAreSuggested() throws Exception {
        CliRun empty = CliRun.run("redeliver", "--dead-letters", work.toString());
        Path alerts = Files.writeString(work.resolve("alert-delivery-dead-letters.jsonl"), "");
        CliRun withFile = CliRun.run("redeliver", "--dead-letters", work.toString());

        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err().strip()).isEqualTo("earshot: --dead-letters " + work + ": is a folder; give the dead-letters "
                + "files in it: it holds none; they are written as output/alert-delivery-dead-letters.jsonl and "
                + "output/helpdesk-dead-letters.jsonl");
        assertThat(withFile.err().strip()).isEqualTo("earshot: --dead-letters " + work + ": is a folder; give the "
                + "dead-letters files in it: " + alerts);
    }

    @Test
    void aLatin1FileStopsItWithOneLineNamingTheLineByteAndFix() throws Exception {
        Path letters = Files.write(work.resolve("letters.jsonl"), "\n{\"raw\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));

        CliRun run = CliRun.run("redeliver", "--dead-letters", letters.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("earshot: --dead-letters " + letters
                + ": line 2 is not valid UTF-8: byte 12 of the line (0xE9, byte 13 of the file) is not.")
                .contains("iconv -f latin1 -t utf-8");
    }
}
