package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.LocalPorts;
import dev.earshot.connectors.helpdesk.FakeZendesk;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earshot run} with tickets for a Zendesk that is down, in a JVM of its own with the command's own logging:
 * the start-up check stops it in one line, and without the check the run says in its summary, in a WARN per ticket
 * version and in each dead letter's reason that nothing reached the helpdesk. The same run against the local Zendesk
 * says every version was delivered. The input holds three customers venting at the city's account: three tickets.
 */
class HelpdeskDownRunITCase {

    private static final int TICKETS = 3;

    @TempDir
    Path work;

    @Test
    void aHelpdeskDownForTheWholeRunShowsInTheSummaryTheLogAndTheDeadLetters() throws Exception {
        String closed = "http://127.0.0.1:" + LocalPorts.free();
        Path config = config(closed);
        Path output = work.resolve("output");

        Run stopped = run(config, output, false);
        assertThat(stopped.exitCode()).as(stopped.printed()).isEqualTo(1);
        assertThat(stopped.lines()).containsExactly("earshot: cannot reach zendesk at " + closed
                + " (respond.helpdesk.url): connection refused by " + closed.substring("http://".length())
                + " (ConnectException, caused by ClosedChannelException); check the address, and that this machine can "
                + "reach it");

        Run unchecked = run(config, output, true);
        assertThat(unchecked.exitCode()).as(unchecked.printed()).isZero();
        assertThat(unchecked.lines())
                .contains("  tickets         3 opened, 0 updates, 0 closed (3 versions)  -> " + output.resolve("tickets.jsonl"),
                        "  helpdesk        0 of 3 ticket versions delivered, 3 dead letters  -> "
                                + output.resolve("helpdesk-dead-letters-*.jsonl"))
                .filteredOn(line -> line.contains(" WARN ") && line.contains("not delivered to the helpdesk"))
                .hasSize(TICKETS)
                .allMatch(line -> line.endsWith(": zendesk: GET " + closed + "/api/v2/tickets.json failed 2 times; last: "
                        + "connection refused by " + closed.substring("http://".length())
                        + " (ConnectException, caused by ClosedChannelException)"));
        List<DeadLetter> letters = helpdeskDeadLetters(output);
        assertThat(letters).hasSize(TICKETS).allSatisfy(letter -> assertThat(letter.reason())
                .startsWith("zendesk: GET " + closed + "/api/v2/tickets.json failed 2 times; last: connection refused by ")
                .doesNotContain(FakeZendesk.TOKEN));
    }

    @Test
    void aHelpdeskThatTakesEveryTicketIsSaidToHaveThemAll() throws Exception {
        try (FakeZendesk zendesk = new FakeZendesk()) {
            Path output = work.resolve("output");

            Run delivered = run(config(zendesk.url()), output, false);

            assertThat(delivered.exitCode()).as(delivered.printed()).isZero();
            assertThat(delivered.lines()).contains("  helpdesk        3 of 3 ticket versions delivered")
                    .noneMatch(line -> line.contains(" WARN "));
            assertThat(zendesk.tickets).hasSize(TICKETS);
            assertThat(zendesk.requests).first().satisfies(asked -> assertThat(asked.path()).isEqualTo("/api/v2/users/me.json"));
            assertThat(zendesk.violations).isEmpty();
            assertThat(helpdeskDeadLetters(output)).isEmpty();
        }
    }

    /** Zendesk at {@code url}, two attempts a request: the run gives up within a second of seeing a ticket. */
    private Path config(String url) throws IOException {
        return Files.writeString(work.resolve("earshot.yaml"), "respond:\n  helpdesk: { kind: zendesk, url: '" + url
                + "', emailEnv: ZD_EMAIL, tokenEnv: ZD_TOKEN, maxAttempts: 2, initialBackoff: 100ms, maxBackoff: 200ms }\n");
    }

    private record Run(int exitCode, List<String> lines) {
        String printed() {
            return String.join("\n", lines);
        }
    }

    /** The real command with the logging it ships with (WARN lines on stderr), stdout and stderr as one. */
    private Run run(Path config, Path output, boolean noServiceChecks) throws Exception {
        Path input = work.resolve("venting-posts.jsonl");
        if (!Files.exists(input)) {
            CliRun.fixture("/helpdesk/venting-posts.jsonl", work);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dlog4j2.configurationFile=log4j2.properties"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EarshotCli.class.getName(), "run",
                "-c", config.toString(), "-i", input.toString(), "-o", output.toString(), "-p", "2"));
        if (noServiceChecks) {
            command.add("--no-service-checks");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ZD_EMAIL", FakeZendesk.EMAIL);
        builder.environment().put("ZD_TOKEN", FakeZendesk.TOKEN);
        Process process = builder.start();
        List<String> lines;
        try {
            lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), lines);
    }

    private static List<DeadLetter> helpdeskDeadLetters(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(output)) {
            List<DeadLetter> letters = new ArrayList<>();
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("helpdesk-dead-letters")).toList()) {
                Files.readAllLines(file).forEach(line -> letters.add(Json.read(line, DeadLetter.class)));
            }
            return letters;
        }
    }
}
