package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code earshot eval detect} on a tiny hand-made NAB-style folder: one series, a x5 surge inside its window. */
class EvalDetectCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int earshot(String... args) {
        CommandLine cli = EarshotCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void scoresEverySeriesAndRanksTheRunAmongThePublishedResults() throws URISyntaxException {
        Path folder = Path.of(getClass().getResource("/nab-tiny").toURI());

        int exit = earshot("eval", "detect", "--nab", folder.toString(), "--passes", "1");

        assertThat(exit).as(err.toString()).isZero();
        String table = out.toString();
        assertThat(table).containsPattern("tiny/Tiny_surge.csv +1 +1 +0 +0 +1.00 +1.00");
        assertThat(table).containsPattern("total +1 +1 +0 +0 +1.00 +1.00");
        // the published null detector normalises to 0; this run ranks above it
        assertThat(table).containsPattern("Earshot count-surge \\(this run\\) +9\\d\\.\\d[\\s\\S]*\\nnull +0\\.0 +0\\.0 +0\\.0");
        assertThat(table).containsPattern("throughput: 864 points per pass, median of 1 passes .* points/s");
    }

    @Test
    void aFolderWithoutNabsLayoutIsAClearError(@TempDir Path empty) {
        int exit = earshot("eval", "detect", "--nab", empty.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("expected NAB's layout, data/<corpus>/*.csv and labels/combined_windows*.json");
    }

    @Test
    void aSeriesWithoutWindowsIsNamed(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("data/x"));
        Files.createDirectories(folder.resolve("labels"));
        Files.writeString(folder.resolve("data/x/a.csv"), "timestamp,value\n2015-03-01 00:00:00,1\n");
        Files.writeString(folder.resolve("labels/combined_windows.json"), "{\"x/b.csv\": []}");

        int exit = earshot("eval", "detect", "--nab", folder.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no windows for 'x/a.csv'");
    }
}
