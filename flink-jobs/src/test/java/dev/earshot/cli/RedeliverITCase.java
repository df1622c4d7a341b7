package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.config.ConfigException;
import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.file.DeliveryLedger;
import dev.earshot.connectors.file.FolderLock;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.connectors.helpdesk.FakeZendesk;
import dev.earshot.connectors.helpdesk.HelpdeskSink;
import dev.earshot.connectors.helpdesk.WebhookDeliveryTest.FakeReceiver;
import dev.earshot.connectors.http.AlertDeliverySink;
import dev.earshot.connectors.http.AlertReceiver;
import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.flink.EarshotJob;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook alert and a Zendesk ticket the job could not deliver (wrong signing key, revoked token) become dead
 * letters through the job's own sinks; {@code redeliver} before the fix writes them again elsewhere, after the fix
 * delivers each once, and once only however often it runs. A dead letter of another stage is skipped and counted.
 */
class RedeliverITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String WRONG_KEY = "whsec_rotated_meanwhile_0000";

    @TempDir
    Path work;

    @Test
    void sendsFailedDeliveriesAgainOnceTheirCauseIsFixed() throws Exception {
        try (AlertReceiver receiver = new AlertReceiver(); FakeZendesk zendesk = new FakeZendesk()) {
            EarshotConfig config = ConfigLoader.parse("""
                    respond:
                      alerts:
                        channels:
                          - {name: ops-hook, type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_KEY}
                      helpdesk: {kind: zendesk, url: '%s', emailEnv: ZENDESK_EMAIL, tokenEnv: ZENDESK_API_TOKEN}
                    """.formatted(zendesk.url()), "redeliver.yaml");
            Map<String, String> fixed = Map.of("HOOK_URL", receiver.webhookUrl(), "HOOK_KEY", AlertReceiver.WEBHOOK_KEY,
                    "ZENDESK_EMAIL", FakeZendesk.EMAIL, "ZENDESK_API_TOKEN", FakeZendesk.TOKEN);
            Map<String, String> broken = new HashMap<>(fixed);
            broken.put("HOOK_KEY", WRONG_KEY);
            broken.put("ZENDESK_API_TOKEN", "revoked-token");

            Path jobOutput = Files.createDirectories(work.resolve("output"));
            deliverAsTheJobDoes(config, broken::get, jobOutput);
            Path alertLetters = jobOutput.resolve("alert-delivery-dead-letters.jsonl");
            Path ticketLetters = jobOutput.resolve("helpdesk-dead-letters.jsonl");
            assertThat(Files.readAllLines(alertLetters)).hasSize(1);
            assertThat(Files.readAllLines(ticketLetters)).hasSize(1);
            assertThat(zendesk.tickets).isEmpty();
            Path parseLetters = jobOutput.resolve("dead-letters.jsonl");
            Files.writeString(parseLetters, Json.write(new DeadLetter("{\"id\":", "not JSON: truncated", "parse",
                    "posts.jsonl line 7", Instant.now())) + "\n");
            List<Path> letters = List.of(alertLetters, ticketLetters, parseLetters);
            String inputBefore = Files.readString(alertLetters) + Files.readString(ticketLetters);

            Path again = work.resolve("redelivery");
            String stillBroken = redeliver(config, broken, again, letters);
            assertThat(stillBroken).contains("read            3 dead letters", "redelivered     0 (0 alert messages, 0 ticket versions)",
                    "failed again    2 (1 -> " + again.resolve("alert-delivery-dead-letters.jsonl") + ", 1 -> "
                            + again.resolve("helpdesk-dead-letters.jsonl") + ")");
            assertThat(Files.readAllLines(again.resolve("alert-delivery-dead-letters.jsonl"))).hasSize(1);
            assertThat(Files.readString(alertLetters) + Files.readString(ticketLetters)).isEqualTo(inputBefore);

            String output = redeliver(config, fixed, work.resolve("redelivery-2"), letters);
            assertThat(output).contains("read            3 dead letters",
                    "redelivered     2 (1 alert messages, 1 ticket versions)", "failed again    0\n",
                    "skipped         1 (" + Redelivery.NOT_A_DELIVERY + "): 1 parse");
            assertThat(zendesk.tickets).hasSize(1);
            assertThat(zendesk.violations).isEmpty();
            assertThat(accepted(receiver)).hasSize(1);

            assertThat(output).contains("recorded in     " + jobOutput.resolve("delivered.jsonl").toAbsolutePath());
            int webhookCalls = receiver.at(AlertReceiver.WEBHOOK_PATH).size();
            int zendeskRequests = zendesk.requests.size();

            String second = redeliver(config, fixed, work.resolve("redelivery-3"), letters);
            assertThat(second).contains("already sent    2 (delivered after they failed",
                    "redelivered     0 (0 alert messages, 0 ticket versions)").doesNotContain("recorded in");
            assertThat(receiver.at(AlertReceiver.WEBHOOK_PATH)).as("nothing sent again").hasSize(webhookCalls);
            assertThat(zendesk.requests).as("not even looked up again").hasSize(zendeskRequests);
            assertThat(zendesk.tickets).hasSize(1);
        }
    }

    /**
     * A Slack incoming webhook failed (a revoked URL) and the run stopped; the resumed run, replaying from its
     * checkpoint, delivered the message after all. redeliver must not post it again: an incoming webhook cannot be
     * searched, so only the resumed run's record beside the dead letters can tell.
     */
    @Test
    void aMessageAResumedRunDeliveredAfterAllIsNotPostedAgain() throws Exception {
        try (AlertReceiver receiver = new AlertReceiver()) {
            EarshotConfig config = slackWebhookOnly();
            Map<String, String> revoked = Map.of("SLACK_URL", receiver.slackUrl().replace("slack-token-s3cr3t", "revoked"));
            Map<String, String> fixed = Map.of("SLACK_URL", receiver.slackUrl());
            Path jobOutput = Files.createDirectories(work.resolve("output"));

            deliverAlertAsTheJobDoes(config, revoked::get, jobOutput);
            Path letters = jobOutput.resolve("alert-delivery-dead-letters.jsonl");
            assertThat(Files.readAllLines(letters)).hasSize(1);
            assertThat(slackPosts(receiver)).isEmpty();
            deliverAlertAsTheJobDoes(config, fixed::get, jobOutput);
            assertThat(slackPosts(receiver)).as("the resumed run's replay").hasSize(1);

            String output = redeliver(config, fixed, work.resolve("redelivery"), List.of(jobOutput));
            assertThat(output).contains("read            1 dead letters", "already sent    1 (delivered after they failed",
                    "redelivered     0 (0 alert messages, 0 ticket versions)");
            assertThat(slackPosts(receiver)).hasSize(1);
        }
    }

    /**
     * A webhook helpdesk took none of the job's ticket versions (a revoked token), and the resumed run, replaying from
     * its checkpoint, delivered them after all. A webhook cannot be asked what it holds, so only the resumed run's
     * record beside the dead letters keeps redeliver from sending each version again.
     */
    @Test
    void aTicketVersionAResumedRunDeliveredAfterAllIsNotSentAgain() throws Exception {
        try (FakeReceiver receiver = new FakeReceiver()) {
            EarshotConfig config = ConfigLoader.parse("respond:\n  helpdesk: {kind: webhook, url: '" + receiver.url()
                    + "/hooks/tickets', tokenEnv: HOOK_TOKEN}\n", "redeliver.yaml");
            Map<String, String> fixed = Map.of("HOOK_TOKEN", FakeReceiver.TOKEN);
            Path jobOutput = Files.createDirectories(work.resolve("output"));

            deliverTicketAsTheJobDoes(config, Map.of("HOOK_TOKEN", "revoked-token")::get, jobOutput);
            Path letters = jobOutput.resolve("helpdesk-dead-letters.jsonl");
            assertThat(Files.readAllLines(letters)).hasSize(1);
            assertThat(receiver.latest).isEmpty();
            deliverTicketAsTheJobDoes(config, fixed::get, jobOutput);
            assertThat(receiver.latest).as("the resumed run's replay").hasSize(1);
            int requests = receiver.requests.size();

            String output = redeliver(config, fixed, work.resolve("redelivery"), List.of(jobOutput));

            assertThat(output).contains("read            1 dead letters", "already sent    1 (delivered after they failed",
                    "redelivered     0 (0 alert messages, 0 ticket versions)");
            assertThat(receiver.requests).as("nothing sent again").hasSize(requests);
            assertThat(receiver.violations).isEmpty();
        }
    }

    /** A dead letter delivered before it failed (an older run's record) is sent again: records never hide a failure. */
    @Test
    void aRecordOlderThanTheDeadLetterDoesNotHideIt() throws Exception {
        try (AlertReceiver receiver = new AlertReceiver()) {
            EarshotConfig config = slackWebhookOnly();
            Path jobOutput = Files.createDirectories(work.resolve("output"));
            deliverAlertAsTheJobDoes(config, Map.of("SLACK_URL", receiver.slackUrl())::get, jobOutput);
            deliverAlertAsTheJobDoes(config, Map.of("SLACK_URL", receiver.slackUrl().replace("slack-token-s3cr3t", "revoked"))::get,
                    jobOutput);

            String output = redeliver(config, Map.of("SLACK_URL", receiver.slackUrl()), work.resolve("redelivery"), List.of(jobOutput));

            assertThat(output).contains("already sent    0", "redelivered     1 (1 alert messages, 0 ticket versions)",
                    "note            channel 'ops-slack' is a Slack incoming webhook, which cannot be searched");
            assertThat(slackPosts(receiver)).hasSize(2);
        }
    }

    /** A replay dead-letters the same message again: it is sent once, and the summary's figures add up. */
    @Test
    void theSameMessageDeadLetteredTwiceIsSentOnceAndCountedAsARepeat() throws Exception {
        try (AlertReceiver receiver = new AlertReceiver()) {
            String letter = Json.write(new DeadLetter(Json.write(sampleAlert()), "channel 'ops-slack' (slack): HTTP 500",
                    "deliver", "alert " + sampleAlert().id() + " OPEN -> channel ops-slack", Instant.now()));
            Path letters = Files.writeString(work.resolve("alert-delivery-dead-letters.jsonl"), letter + "\n" + letter + "\n");

            String output = redeliver(slackWebhookOnly(), Map.of("SLACK_URL", receiver.slackUrl()), work.resolve("out"), List.of(letters));

            assertThat(output).contains("read            2 dead letters", "repeats         1 (the same message",
                    "redelivered     1 (1 alert messages, 0 ticket versions)");
            assertThat(slackPosts(receiver)).hasSize(1);
        }
    }

    /**
     * QA: an incident's announcement failed (503 beyond its retries) while its update and resolution got through live,
     * the update as the incident's announcement. redeliver must not then announce an incident the channel has seen
     * resolved: the failed announcement is superseded.
     */
    @Test
    void anAnnouncementThatFailedIsSupersededOnceTheLiveRunDeliveredItsIncidentsResolution() throws Exception {
        try (AlertReceiver receiver = new AlertReceiver()) {
            EarshotConfig config = webhookOnly("delivery: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 20ms}");
            Map<String, String> secrets = Map.of("HOOK_URL", receiver.webhookUrl(), "HOOK_KEY", AlertReceiver.WEBHOOK_KEY);
            receiver.answer(attempt -> attempt <= 2 ? AlertReceiver.Answer.of(503, "Service Unavailable") : null);
            Path jobOutput = Files.createDirectories(work.resolve("output"));

            deliverAlertsAsTheJobDoes(config, secrets::get, jobOutput, List.of(version("incident-b", "OPEN", 0, 5),
                    version("incident-b", "UPDATED", 1, 8), version("incident-b", "RESOLVED", 2, 8)));
            assertThat(accepted(receiver)).extracting(received -> received.messagePosition() + " " + status(received))
                    .containsExactly("FIRST UPDATED", "RESOLUTION RESOLVED");
            List<DeadLetter> letters = Files.readAllLines(jobOutput.resolve("alert-delivery-dead-letters.jsonl")).stream()
                    .map(line -> Json.read(line, DeadLetter.class)).toList();
            assertThat(letters).extracting(DeadLetter::origin).containsExactly("alert incident-b OPEN -> channel ops-hook");
            int requests = receiver.at(AlertReceiver.WEBHOOK_PATH).size();

            String output = redeliver(config, secrets, work.resolve("redelivery"), List.of(jobOutput));

            assertThat(output).contains("read            1 dead letters", "superseded      1 (a later version of their incident",
                    "redelivered     0 (0 alert messages, 0 ticket versions)");
            assertThat(receiver.at(AlertReceiver.WEBHOOK_PATH)).as("nothing sent").hasSize(requests);
        }
    }

    /**
     * A redeliver leaves what it wrote (the ledger lines, the dead letters that failed again) and nothing else: no lock
     * file, no empty dead-letter file, no folder it made and left empty, whether it delivered, failed again or stopped;
     * what was there before stays.
     */
    @Test
    void aRedeliverLeavesNoLockNorEmptyFileNorFolderOfItsOwn() throws Exception {
        try (AlertReceiver receiver = new AlertReceiver()) {
            EarshotConfig config = webhookOnly("");
            Map<String, String> fixed = Map.of("HOOK_URL", receiver.webhookUrl(), "HOOK_KEY", AlertReceiver.WEBHOOK_KEY);
            Map<String, String> broken = Map.of("HOOK_URL", receiver.webhookUrl(), "HOOK_KEY", WRONG_KEY);
            Path jobOutput = Files.createDirectories(work.resolve("output"));
            Path letters = jobOutput.resolve("alert-delivery-dead-letters.jsonl");
            Files.writeString(letters, Json.write(new DeadLetter(Json.write(sampleAlert()), "channel 'ops-hook' (webhook): HTTP 401",
                    "deliver", "alert " + sampleAlert().id() + " OPEN -> channel ops-hook", Instant.now())) + "\n");
            Path earlierEmpty = Files.createFile(jobOutput.resolve("helpdesk-dead-letters.jsonl")); // the job's, nothing failed
            Path again = jobOutput.resolve("redelivery");

            redeliver(config, broken, again, List.of(letters));
            assertThat(filesIn(work)).as("failed again: its dead letters, nothing else").containsExactlyInAnyOrder(
                    "output/alert-delivery-dead-letters.jsonl", "output/helpdesk-dead-letters.jsonl",
                    "output/redelivery/alert-delivery-dead-letters.jsonl");

            Files.delete(again.resolve("alert-delivery-dead-letters.jsonl"));
            Files.delete(again);
            assertThatThrownBy(() -> redeliver(config, Map.of(), again, List.of(letters))).isInstanceOf(ConfigException.class);
            assertThat(filesIn(work)).as("stopped by a missing secret").containsExactlyInAnyOrder(
                    "output/alert-delivery-dead-letters.jsonl", "output/helpdesk-dead-letters.jsonl");

            redeliver(config, fixed, again, List.of(letters));
            assertThat(filesIn(work)).as("delivered: recorded in both ledgers").containsExactlyInAnyOrder(
                    "output/alert-delivery-dead-letters.jsonl", "output/helpdesk-dead-letters.jsonl", "output/delivered.jsonl",
                    "output/redelivery/delivered.jsonl");
            assertThat(earlierEmpty).as("an empty file it did not make stays").isEmptyFile();
        }
    }

    private static List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(path -> !path.equals(folder)).filter(path -> !Files.isDirectory(path) || isEmptyFolder(path))
                    .map(path -> folder.relativize(path).toString().replace('\\', '/')).toList();
        }
    }

    private static boolean isEmptyFolder(Path folder) {
        try (Stream<Path> inside = Files.list(folder)) {
            return inside.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Two redelivers at once would both send what neither has recorded yet: the second stops, naming the lock, and
     * leaves the files of the first alone, such as the dead-letter file its sink opened, empty until it writes to it.
     */
    @Test
    void aSecondRedeliverOnTheSameFolderStopsWhileTheFirstRuns() throws Exception {
        Path letters = work.resolve("alert-delivery-dead-letters.jsonl");
        Files.writeString(letters, Json.write(new DeadLetter(Json.write(sampleAlert()), "channel 'ops-hook' (webhook): HTTP 401",
                "deliver", "alert " + sampleAlert().id() + " OPEN -> channel ops-hook", Instant.now())) + "\n");
        try (FileChannel first = FolderLock.tryTake(work, Redelivery.LOCK_FILE).orElseThrow()) {
            assertThatThrownBy(() -> redeliver(EarshotConfig.defaults(), Map.of(), work.resolve("out"), List.of(letters)))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageContaining(work.resolve(Redelivery.LOCK_FILE) + ": another earshot redeliver is using this folder");
        }
        Path out = work.resolve("out");
        try (AutoCloseable first = FolderLock.tryTakeLeavingNothing(out, Redelivery.LOCK_FILE).orElseThrow()) {
            Path opened = Files.createFile(out.resolve("alert-delivery-dead-letters.jsonl"));
            assertThatThrownBy(() -> redeliver(EarshotConfig.defaults(), Map.of(), out, List.of(letters)))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageContaining(out.resolve(Redelivery.LOCK_FILE) + ": another earshot redeliver is using this folder");
            assertThat(opened).as("the first one's").isEmptyFile();
        }
    }

    @Test
    void aChannelNoLongerConfiguredOrAMissingSecretStopsItNamingTheKey() throws Exception {
        Path letters = work.resolve("alert-delivery-dead-letters.jsonl");
        Files.writeString(letters, Json.write(new DeadLetter(Json.write(sampleAlert()), "channel 'ops-hook' (webhook): HTTP 401",
                "deliver", "alert " + sampleAlert().id() + " OPEN -> channel ops-hook", Instant.now())) + "\n");
        EarshotConfig noChannel = ConfigLoader.parse("""
                respond:
                  alerts:
                    channels:
                      - {name: other-hook, type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_KEY}
                """, "redeliver.yaml");
        assertThatThrownBy(() -> redeliver(noChannel, Map.of(), work.resolve("out"), List.of(letters)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("respond.alerts.channels: no channel named 'ops-hook'");
        EarshotConfig channel = webhookOnly("");
        assertThatThrownBy(() -> redeliver(channel, Map.of(), work.resolve("out"), List.of(letters)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("respond.alerts").hasMessageContaining("HOOK_URL");
        assertThatThrownBy(() -> redeliver(channel, Map.of(), work, List.of(letters)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("would overwrite");
    }

    @Test
    void aLineThatIsJsonButNoDeadLetterStopsItNamingTheLine() throws Exception {
        Path letters = work.resolve("not-dead-letters.jsonl");
        Files.writeString(letters, "{\"id\":\"bluesky:3lfkq2a7c2s2x\",\"text\":\"a post, not a dead letter\"}\n");

        assertThatThrownBy(() -> Redelivery.read(List.of(letters), DeliveryLedger.read(List.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(letters + " line 1 is not a dead letter: it has no stage");
    }

    /** What the job's alert delivery and helpdesk do with an alert and a ticket: dead letters where they fail. */
    private static void deliverAsTheJobDoes(EarshotConfig config, Secrets secrets, Path dir) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(List.of(sampleAlert()), JsonTypeInfo.of(Alert.class))
                .sinkTo(new AlertDeliverySink(config.respond().alerts(), new JsonLinesFileSink<>(dir, "alert-delivery-dead-letters"), secrets));
        env.fromData(List.of(sampleTicket()), JsonTypeInfo.of(HandoffTicket.class))
                .sinkTo(new HelpdeskSink(config.respond().helpdesk().toSettings(), secrets, new JsonLinesFileSink<>(dir, "helpdesk-dead-letters")));
        env.execute("delivery that fails");
    }

    /** What the job's alert delivery does, recording what it delivers beside its dead letters. */
    private static void deliverAlertAsTheJobDoes(EarshotConfig config, Secrets secrets, Path dir) throws Exception {
        deliverAlertsAsTheJobDoes(config, secrets, dir, List.of(sampleAlert()));
    }

    private static void deliverAlertsAsTheJobDoes(EarshotConfig config, Secrets secrets, Path dir, List<Alert> alerts)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // appends, as a restored run's dead-letter file does: a fresh sink would start the file afresh
        Path letters = dir.resolve("alert-delivery-dead-letters.jsonl");
        String before = Files.exists(letters) ? Files.readString(letters) : "";
        env.fromData(alerts, JsonTypeInfo.of(Alert.class))
                .sinkTo(EarshotJob.alertDelivery(config.respond().alerts(), new JsonLinesFileSink<>(dir, "alert-delivery-dead-letters"),
                        secrets));
        env.execute("alert delivery");
        Files.writeString(letters, before + (Files.exists(letters) ? Files.readString(letters) : ""));
    }

    /** What the job's helpdesk delivery does with a ticket version, appending to the dead letters as a resumed run does. */
    private static void deliverTicketAsTheJobDoes(EarshotConfig config, Secrets secrets, Path dir) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        Path letters = dir.resolve("helpdesk-dead-letters.jsonl");
        String before = Files.exists(letters) ? Files.readString(letters) : "";
        JsonLinesFileSink<DeadLetter> failed = new JsonLinesFileSink<>(dir, "helpdesk-dead-letters");
        env.fromData(List.of(sampleTicket()), JsonTypeInfo.of(HandoffTicket.class))
                .sinkTo(new HelpdeskSink(config.respond().helpdesk().toSettings(), secrets, failed)
                        .recordingIn(new DeliveryLedger.Recorder(List.of(dir))));
        env.execute("helpdesk delivery");
        Files.writeString(letters, before + (Files.exists(letters) ? Files.readString(letters) : ""));
    }

    private static List<AlertReceiver.Received> slackPosts(AlertReceiver receiver) {
        return receiver.at(AlertReceiver.SLACK_PATH).stream().filter(received -> received.answeredStatus() == 200).toList();
    }

    private static String redeliver(EarshotConfig config, Map<String, String> secrets, Path out, List<Path> letters) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            assertThat(new Redelivery(config, Map.copyOf(secrets)::get, out, stream).execute(letters)).isZero();
        }
        return printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private static List<AlertReceiver.Received> accepted(AlertReceiver receiver) {
        return receiver.at(AlertReceiver.WEBHOOK_PATH).stream().filter(received -> received.answeredStatus() == 200).toList();
    }

    private static Alert sampleAlert() throws IOException {
        try (InputStream in = RedeliverITCase.class.getResourceAsStream("/alerts/parking-bengaluru.json")) {
            return Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), Alert.class);
        }
    }

    private static HandoffTicket sampleTicket() throws IOException {
        try (InputStream in = RedeliverITCase.class.getResourceAsStream("/helpdesk/bundled-tickets.jsonl")) {
            return Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow(), HandoffTicket.class);
        }
    }

    /** One webhook channel, whose URL is in HOOK_URL and signing key in HOOK_KEY, and these alerts settings. */
    private static EarshotConfig webhookOnly(String alertsSettings) {
        return ConfigLoader.parse("""
                respond:
                  alerts:
                    channels:
                      - {name: ops-hook, type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_KEY}
                    %s
                """.formatted(alertsSettings), "redeliver.yaml");
    }

    /** One Slack incoming-webhook channel, whose URL is in SLACK_URL. */
    private static EarshotConfig slackWebhookOnly() {
        return ConfigLoader.parse("""
                respond:
                  alerts:
                    channels:
                      - {name: ops-slack, type: slack, urlEnv: SLACK_URL}
                """, "redeliver.yaml");
    }

    private static String status(AlertReceiver.Received received) {
        return Json.read(new String(received.body(), StandardCharsets.UTF_8), Alert.class).status().name();
    }

    /** The sample alert as version {@code status} of incident {@code id}, of the window {@code windows} half-hours later. */
    private static Alert version(String id, String status, int windows, int severity) throws IOException {
        Alert sample = sampleAlert();
        ObjectNode alert = Json.mapper().valueToTree(sample);
        alert.put("id", id).put("status", status).put("severity", severity).put("windowEnd", sample.windowEnd().plusSeconds(1800L * windows).toString());
        return Json.mapper().treeToValue(alert, Alert.class);
    }
}
