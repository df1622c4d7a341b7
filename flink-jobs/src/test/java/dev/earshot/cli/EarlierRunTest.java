package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlierRunTest {

    @TempDir
    Path dir;

    @Test
    void removesEveryFileAnEarlierRunWroteAndNothingElse() throws Exception {
        for (String earshot : new String[] {"alerts.jsonl", "tickets.jsonl", "dead-letters.jsonl", "window-stats.jsonl",
                "deletions.jsonl", "refused-alerts.jsonl", "refused-posts-3.jsonl", "helpdesk-dead-letters.jsonl",
                "alert-delivery-dead-letters.jsonl"}) {
            Files.writeString(dir.resolve(earshot), "{}\n");
        }
        for (String other : new String[] {"notes.txt", "my-alerts.jsonl", "alerts.jsonl.bak", "alerts-old.jsonl",
                "posts.jsonl", "redelivery/alert-delivery-dead-letters.jsonl"}) {
            Files.createDirectories(dir.resolve(other).getParent());
            Files.writeString(dir.resolve(other), "keep\n");
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        EarlierRun.replace(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));

        try (Stream<Path> left = Files.walk(dir)) {
            assertThat(left.filter(Files::isRegularFile).map(file -> dir.relativize(file).toString()))
                    .containsExactlyInAnyOrder("notes.txt", "my-alerts.jsonl", "alerts.jsonl.bak", "alerts-old.jsonl",
                            "posts.jsonl", "redelivery/alert-delivery-dead-letters.jsonl");
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith(dir + " holds an earlier run (alert-delivery-dead-letters.jsonl, alerts.jsonl, ")
                .contains("refused-posts-3.jsonl").contains("): replacing it");
    }

    @Test
    void saysNothingWhenThereIsNoEarlierRun() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "keep\n");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        EarlierRun.replace(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));
        EarlierRun.replace(dir.resolve("missing"), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.size()).isZero();
        assertThat(dir.resolve("notes.txt")).exists();
    }
}
