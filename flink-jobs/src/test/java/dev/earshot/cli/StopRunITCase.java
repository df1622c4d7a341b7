package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code earshot run}: the real command in a JVM of its own, sent a real SIGINT while it replays a file.
 * The run must stop as if its input ended there: every output line whole JSON, and the files agreeing with the
 * summary it prints.
 */
class StopRunITCase {

    private static final int POSTS = 1_000;
    private static final Pattern WINDOW_STATS_SO_FAR = Pattern.compile("· ([\\d,]+) window stats");

    @TempDir
    Path dir;

    @Test
    void ctrlCFinishesTheFilesAndSaysTheRunWasInterrupted() throws Exception {
        Path input = writePosts(dir.resolve("posts.jsonl"));
        Path output = Files.createDirectories(dir.resolve("output"));
        // An earlier run's file this run does not write (Elasticsearch refusals), and a file of the user's.
        Files.writeString(output.resolve("refused-alerts.jsonl"), "{\"stale\":true}\n");
        Files.writeString(output.resolve("notes.txt"), "mine, not Earshot's");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        // The same --add-opens Flink needs in this JVM.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens")).forEach(command::add);
        // One post a minute replayed 600x faster: 10 posts/s, so that the run is still reading when it is stopped.
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EarshotCli.class.getName(),
                "run", "-i", input.toString(), "-o", output.toString(), "-p", "2", "-s", "600"));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> printed = new CopyOnWriteArrayList<>();
        CountDownLatch statsWritten = new CountDownLatch(1);
        Thread reader = new Thread(() -> readLines(run, printed, statsWritten));
        reader.start();
        try {
            assertThat(statsWritten.await(90, TimeUnit.SECONDS)).as("window stats while running: %s", printed).isTrue();
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor()).isZero();
            assertThat(run.waitFor(90, TimeUnit.SECONDS)).as("stopped: %s", printed).isTrue();
        } finally {
            run.destroyForcibly();
        }
        reader.join(5_000);

        assertThat(run.exitValue()).as("128 + SIGINT").isEqualTo(130);
        assertThat(printed).anyMatch(line -> line.startsWith(output + " holds an earlier run (refused-alerts.jsonl): replacing it"))
                .anyMatch(line -> line.startsWith("stopping (SIGINT): finishing the files"))
                .anyMatch(line -> line.startsWith("Earshot INTERRUPTED by SIGINT"));
        assertThat(output.resolve("refused-alerts.jsonl")).doesNotExist();
        assertThat(output.resolve("notes.txt")).hasContent("mine, not Earshot's");
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(output)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".jsonl")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(text.isEmpty() || text.endsWith("\n")).as("%s ends with a whole line", file).isTrue();
                for (String line : text.lines().toList()) {
                    json.readTree(line);
                }
            }
        }
        long recordsRead = printedCount(printed, "^Earshot stopped in [\\d.]+ s: ([\\d,]+) records");
        assertThat(recordsRead).as("stopped before the end of the input").isPositive().isLessThan(POSTS);
        assertThat(lines(output.resolve("window-stats.jsonl"))).isPositive().isEqualTo(printedCount(printed, "^  window stats +([\\d,]+)"));
        assertThat(lines(output.resolve("dead-letters.jsonl"))).isPositive().isEqualTo(printedCount(printed, "^  dead letters +([\\d,]+)"));
    }

    /** A post a minute over the city's topics, with a malformed record every 40 lines. */
    private static Path writePosts(Path file) throws Exception {
        String[] texts = {"Towed AGAIN near MG Road in Bangalore, parking is a joke #parking",
                "The metro in Bangalore was on time today, great job",
                "Garbage not collected for a week in Bangalore, awful smell",
                "Potholes on every road in Bangalore, my car is wrecked"};
        Instant start = Instant.parse("2026-03-04T00:00:00Z");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            lines.add(i % 40 == 39 ? "{\"id\":\"test:" + i + "\",\"text\": truncated"
                    : "{\"id\":\"test:" + i + "\",\"source\":\"test\",\"createdAt\":\"" + start.plusSeconds(60L * i)
                    + "\",\"text\":\"" + texts[i % texts.length] + "\",\"author\":{\"id\":\"u" + (i % 97) + "\"}}");
        }
        return Files.write(file, lines);
    }

    private static void readLines(Process run, List<String> printed, CountDownLatch statsWritten) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                printed.add(line);
                Matcher progress = WINDOW_STATS_SO_FAR.matcher(line);
                if (progress.find() && !progress.group(1).equals("0")) {
                    statsWritten.countDown();
                }
            }
        } catch (java.io.IOException ended) {
            // The process is gone: what it printed is in printed.
        }
    }

    /** The number {@code regex}'s group 1 finds in what the run printed. */
    private static long printedCount(List<String> printed, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : printed) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1).replace(",", ""));
            }
        }
        throw new AssertionError("nothing like '" + regex + "' in " + printed);
    }

    private static long lines(Path file) throws Exception {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
