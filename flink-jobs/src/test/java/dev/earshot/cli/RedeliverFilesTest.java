package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files {@code redeliver --dead-letters} is given that it cannot read: one line each, naming the fix. */
class RedeliverFilesTest {

    @TempDir
    Path work;

    @Test
    void aFolderWithoutDeliveryDeadLettersStopsItNamingTheFilesARunWrites() throws Exception {
        Files.writeString(work.resolve("dead-letters.jsonl"), "");

        CliRun empty = CliRun.run("redeliver", "--dead-letters", work.toString());

        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err().strip()).isEqualTo("earshot: --dead-letters " + work + ": the folder holds no delivery dead "
                + "letters; a run writes them as alert-delivery-dead-letters.jsonl, helpdesk-dead-letters.jsonl, or with "
                + "the subtask before .jsonl (helpdesk-dead-letters-0.jsonl)");
    }

    @Test
    void aFolderANameWithoutItsSubtaskOrTheFilesThemselvesGiveTheSubtasksFiles() throws Exception {
        Path alerts = Files.writeString(work.resolve("alert-delivery-dead-letters.jsonl"), "");
        Path tickets0 = Files.writeString(work.resolve("helpdesk-dead-letters-0.jsonl"), "");
        Path tickets1 = Files.writeString(work.resolve("helpdesk-dead-letters-1.jsonl"), "");
        Files.writeString(work.resolve("helpdesk-dead-letters-old.jsonl"), "");
        Files.writeString(work.resolve("dead-letters.jsonl"), "");

        assertThat(DeadLetterFiles.resolve(List.of(work))).containsExactly(alerts, tickets0, tickets1);
        assertThat(DeadLetterFiles.resolve(List.of(work.resolve("helpdesk-dead-letters")))).containsExactly(tickets0, tickets1);
        assertThat(DeadLetterFiles.resolve(List.of(work.resolve("helpdesk-dead-letters.jsonl"))))
                .as("the name the README gave").containsExactly(tickets0, tickets1);
        assertThat(DeadLetterFiles.resolve(List.of(tickets1, work, tickets0))).as("each once")
                .containsExactly(tickets1, alerts, tickets0);
        assertThatThrownBy(() -> DeadLetterFiles.resolve(List.of(work.resolve("alert-dead-letters"))))
                .hasMessage("--dead-letters " + work.resolve("alert-dead-letters") + ": no such file, nor "
                        + "alert-dead-letters-<subtask>.jsonl files; give the output folder (e.g. output) to take all its "
                        + "delivery dead letters");
    }

    @Test
    void whatFailsAgainGoesBesideTheDeadLettersNotUnderTheWorkingDirectory() throws Exception {
        Path output = Files.createDirectories(work.resolve("output"));
        Path alerts = Files.writeString(output.resolve("alert-delivery-dead-letters.jsonl"), "");
        Files.writeString(output.resolve("helpdesk-dead-letters-0.jsonl"), "");

        assertThat(RedeliverCommand.defaultOutput(List.of(output))).isEqualTo(output.resolve("redelivery"));
        assertThat(RedeliverCommand.defaultOutput(List.of(output.resolve("helpdesk-dead-letters"))))
                .isEqualTo(output.resolve("redelivery"));
        assertThat(RedeliverCommand.defaultOutput(List.of(Path.of("").toAbsolutePath().relativize(alerts))))
                .as("a relative name too").isEqualTo(output.resolve("redelivery"));
    }

    @Test
    void aLatin1FileStopsItWithOneLineNamingTheLineByteAndFix() throws Exception {
        Path letters = Files.write(work.resolve("letters.jsonl"), "\n{\"raw\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));

        CliRun run = CliRun.run("redeliver", "--dead-letters", letters.toString(), "-o", work.resolve("redelivery").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("earshot: --dead-letters " + letters
                + ": line 2 is not valid UTF-8: byte 12 of the line (0xE9, byte 13 of the file) is not.")
                .contains("iconv -f latin1 -t utf-8");
    }
}
