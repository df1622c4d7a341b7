package dev.earshot.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeLinesWriterTest {

    @TempDir
    Path dir;

    /** Lines of varied lengths with multi-byte characters, so that no buffer size divides them evenly. */
    private static List<String> lines(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("{\"id\":\"" + i + "\",\"text\":\"" + "Towed AGAIN 😡 ".repeat(1 + i % 37) + "\"}");
        }
        return lines;
    }

    @Test
    void theFileEndsWithAWholeLineWhileLinesAreStillBeingWritten() throws Exception {
        Path file = dir.resolve("stats.jsonl");
        List<String> lines = lines(3_000);
        try (WholeLinesWriter writer = new WholeLinesWriter(file, false)) {
            int checked = 0;
            for (String line : lines) {
                writer.writeLine(line);
                long size = Files.size(file);
                if (size > 0) {
                    // What a process killed now would leave: every line whole, a prefix of what was written.
                    String onDisk = Files.readString(file, StandardCharsets.UTF_8);
                    assertThat(onDisk).endsWith("\n");
                    List<String> written = onDisk.lines().toList();
                    assertThat(written).isEqualTo(lines.subList(0, written.size()));
                    checked++;
                }
            }
            assertThat(checked).as("lines reached the file before the writer was flushed").isPositive();
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).isEqualTo(lines);
    }

    @Test
    void flushWritesEveryLineSoFar() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        try (WholeLinesWriter writer = new WholeLinesWriter(file, false)) {
            writer.writeLine("{\"id\":\"a\"}");
            assertThat(Files.size(file)).isZero();
            writer.flush();
            assertThat(Files.readString(file)).isEqualTo("{\"id\":\"a\"}\n");
        }
    }

    @Test
    void startsAfreshOrAppendsAsTold() throws Exception {
        Path file = dir.resolve("tickets.jsonl");
        Files.writeString(file, "{\"id\":\"old\"}\n");
        try (WholeLinesWriter restored = new WholeLinesWriter(file, true)) {
            restored.writeLine("{\"id\":\"new\"}");
        }
        assertThat(Files.readAllLines(file)).containsExactly("{\"id\":\"old\"}", "{\"id\":\"new\"}");
        try (WholeLinesWriter fresh = new WholeLinesWriter(file, false)) {
            fresh.writeLine("{\"id\":\"only\"}");
        }
        assertThat(Files.readAllLines(file)).containsExactly("{\"id\":\"only\"}");
    }
}
