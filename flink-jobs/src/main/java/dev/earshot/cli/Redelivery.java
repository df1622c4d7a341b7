package dev.earshot.cli;

import dev.earshot.config.ConfigException;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.file.DeliveryLedger;
import dev.earshot.connectors.file.FolderLock;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.connectors.file.TextFileReader;
import dev.earshot.connectors.file.UnreadableTextException;
import dev.earshot.connectors.helpdesk.HelpdeskDelivery;
import dev.earshot.connectors.helpdesk.HelpdeskSettings;
import dev.earshot.connectors.helpdesk.HelpdeskSink;
import dev.earshot.connectors.http.AlertDeliverySink;
import dev.earshot.connectors.http.AlertDeliveryWriter;
import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.flink.EarshotJob;
import dev.earshot.flink.EarshotSinks;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.DeliveredVersions;
import dev.earshot.respond.alerts.IdempotencyKeys;
import dev.earshot.respond.alerts.IncidentOrder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Sends the alerts and tickets of delivery dead letters again, through the job's own sinks (retries,
 * idempotency keys, Slack's look-before-post, the helpdesks' look-up-before-create) as a small bounded job. What
 * fails again becomes a dead letter again under the output directory; dead letters of other stages are counted
 * and left alone, because what they need is the input replayed once their cause is fixed.
 */
final class Redelivery {

    static final String NOT_A_DELIVERY = "not a delivery; fix the cause, then run the original input again, not this dead-letter file";

    /** The lock file in each folder a redelivery reads from or writes to. */
    static final String LOCK_FILE = ".redeliver.lock";

    /**
     * What the dead-letter files hold that can be sent again, in file order without repeats.
     *
     * @param alreadyDelivered dead letters whose message a ledger records as delivered after they failed
     * @param superseded alert dead letters whose channel a ledger records was delivered a later version of their incident
     */
    record Undelivered(int read, Map<String, Alert> alertsByKey, Set<String> channels, Map<String, HandoffTicket> ticketsByKey,
                       Instant earliestAlertRejection, Map<String, Integer> skippedByStage,
                       int alreadyDelivered, int superseded) {

        int skipped() {
            return skippedByStage.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final EarshotConfig config;
    private final Secrets secrets;
    private final Path outputDir;
    private final PrintStream out;

    Redelivery(EarshotConfig config, Secrets secrets, Path outputDir, PrintStream out) {
        this.config = config;
        this.secrets = secrets;
        this.outputDir = outputDir;
        this.out = out;
    }

    int execute(List<Path> deadLetterArguments) throws Exception {
        List<Path> deadLetterFiles = DeadLetterFiles.resolve(deadLetterArguments);
        Path alertsFailed = JsonLinesFileSink.fileOf(outputDir, EarshotSinks.deliveryDeadLettersName(EarshotSinks.ALERT_DELIVERY));
        Path ticketsFailed = JsonLinesFileSink.fileOf(outputDir, EarshotSinks.deliveryDeadLettersName(EarshotSinks.HELPDESK));
        for (Path file : deadLetterFiles) {
            for (Path written : List.of(alertsFailed, ticketsFailed)) {
                if (Files.exists(written) && Files.isSameFile(file, written)) {
                    throw new ConfigException("--output: " + outputDir + " would overwrite the dead letters being read from "
                            + file + "; give another directory with -o");
                }
            }
        }
        // The ledgers beside the files read and in the output folder: what a later run or an earlier redelivery
        // delivered is skipped, and what this one delivers is recorded in each, so no folder's files send it again.
        List<Path> ledgerFolders = ledgerFolders(deadLetterFiles);
        List<AutoCloseable> locks = new ArrayList<>();
        // Closed as resources, so that an error letting go is attached to the one that stopped the run, not put in its place.
        try (AutoCloseable releaseTheFolders = () -> closeAll(locks)) {
            for (Path folder : ledgerFolders) {
                locks.add(FolderLock.tryTakeLeavingNothing(folder, LOCK_FILE).orElseThrow(() -> new FileSystemException(
                        folder.resolve(LOCK_FILE).toString(), null, "another earshot redeliver is using this folder; wait "
                                + "for it to end, then run this one again: it skips what that one delivered")));
            }
            // Dead-letter files its sinks open, and leave empty where nothing failed again: removed, unless there before.
            // Listed once the folders are this run's: a file that appears before then is another redeliver's.
            List<Path> newFiles = Stream.of(alertsFailed, ticketsFailed).filter(file -> !Files.exists(file)).toList();
            try (AutoCloseable removeTheEmptyOnes = () -> deleteEmpty(newFiles)) {
                return execute(deadLetterFiles, alertsFailed, ticketsFailed, DeliveryLedger.read(ledgerFolders),
                        DeliveryLedger.Recorder.forRedelivery(ledgerFolders));
            }
        }
    }

    private static void deleteEmpty(List<Path> files) throws IOException {
        for (Path file : files) {
            if (Files.isRegularFile(file) && Files.size(file) == 0) {
                Files.delete(file);
            }
        }
    }

    private static void closeAll(List<AutoCloseable> resources) throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private int execute(List<Path> deadLetterFiles, Path alertsFailed, Path ticketsFailed, DeliveryLedger ledger,
                        DeliveryLedger.Recorder recorder) throws Exception {
        Undelivered undelivered = read(deadLetterFiles, ledger);

        Configuration flinkConfig = new Configuration();
        // A failure is reported, not retried: what could not be sent is a dead letter, anything else a bug to see.
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig);
        env.setParallelism(1);
        boolean anything = false;
        if (!undelivered.alertsByKey().isEmpty()) {
            AlertsConfig alerts = alertsConfig(undelivered.channels());
            env.fromData(IncidentOrder.of(undelivered.alertsByKey().values()), JsonTypeInfo.of(Alert.class))
                    .name("alert dead letters")
                    .sinkTo(new AlertDeliverySink(alerts, new JsonLinesFileSink<>(outputDir,
                            EarshotSinks.deliveryDeadLettersName(EarshotSinks.ALERT_DELIVERY)), secrets).redelivery(undelivered.alertsByKey().keySet(), undelivered.earliestAlertRejection())
                            .recordingIn(recorder))
                    .name("alert delivery");
            anything = true;
        }
        if (!undelivered.ticketsByKey().isEmpty()) {
            env.fromData(List.copyOf(undelivered.ticketsByKey().values()), JsonTypeInfo.of(HandoffTicket.class)).name("ticket dead letters")
                    .sinkTo(new HelpdeskSink(helpdeskSettings(), secrets, new JsonLinesFileSink<>(outputDir,
                            EarshotSinks.deliveryDeadLettersName(EarshotSinks.HELPDESK))).recordingIn(recorder))
                    .name("helpdesk");
            anything = true;
        }
        if (anything) {
            Files.createDirectories(outputDir);
            env.execute("earshot redeliver");
        }
        int alertsAgain = lines(alertsFailed, !undelivered.alertsByKey().isEmpty());
        int ticketsAgain = lines(ticketsFailed, !undelivered.ticketsByKey().isEmpty());
        printSummary(deadLetterFiles, undelivered, alertsAgain, ticketsAgain, alertsFailed, ticketsFailed, ledger, recorder);
        return 0;
    }

    /** The dead letters of the files; a line that is not one stops the command, naming it. */
    static Undelivered read(List<Path> files, DeliveryLedger ledger) throws IOException {
        int read = 0;
        int alreadyDelivered = 0;
        int superseded = 0;
        DeliveredVersions deliveredVersions = new DeliveredVersions();
        ledger.entries().forEach(entry -> AlertDeliveryWriter.addDelivered(entry, deliveredVersions));
        Map<String, Alert> alerts = new LinkedHashMap<>();
        Set<String> channels = new LinkedHashSet<>();
        Map<String, HandoffTicket> tickets = new LinkedHashMap<>();
        Instant earliest = null;
        Map<String, Integer> skipped = new TreeMap<>();
        for (Path file : files) {
            List<String> lines = linesOf(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                read++;
                String where = file + " line " + (i + 1);
                DeadLetter letter = parse(lines.get(i), DeadLetter.class, where);
                if (letter.stage() == null || letter.raw() == null) {
                    throw new ConfigException("--dead-letters: " + where + " is not a dead letter: it has no "
                            + (letter.stage() == null ? "stage" : "raw") + "; give the files Earshot wrote them to, such as "
                            + "output/alert-delivery-dead-letters.jsonl");
                }
                if (AlertDeliveryWriter.STAGE.equals(letter.stage())) {
                    String channel = AlertDeliveryWriter.channelOf(letter);
                    if (channel == null) {
                        throw new ConfigException("--dead-letters: " + where + ": its origin names no channel: " + letter.origin());
                    }
                    Alert alert = parse(letter.raw(), Alert.class, where + " (raw)");
                    String key = IdempotencyKeys.of(alert, channel);
                    if (ledger.deliveredAfter(letter.stage(), key, letter.rejectedAt())) {
                        alreadyDelivered++;
                        continue;
                    }
                    if (deliveredVersions.supersede(alert, channel)) {
                        superseded++;
                        continue;
                    }
                    alerts.putIfAbsent(key, alert);
                    channels.add(channel);
                    if (letter.rejectedAt() != null && (earliest == null || letter.rejectedAt().isBefore(earliest))) {
                        earliest = letter.rejectedAt();
                    }
                } else if (HelpdeskDelivery.STAGE.equals(letter.stage())) {
                    HandoffTicket ticket = parse(letter.raw(), HandoffTicket.class, where + " (raw)");
                    String key = dev.earshot.respond.helpdesk.IdempotencyKeys.version(ticket);
                    if (ledger.deliveredAfter(letter.stage(), key, letter.rejectedAt())) {
                        alreadyDelivered++;
                        continue;
                    }
                    tickets.putIfAbsent(key, ticket);
                } else {
                    skipped.merge(String.valueOf(letter.stage()), 1, Integer::sum);
                }
            }
        }
        return new Undelivered(read, alerts, channels, tickets, earliest == null ? Instant.now() : earliest,
                skipped, alreadyDelivered, superseded);
    }

    /** The file's lines, read as the job reads files; bytes that are not UTF-8 stop the command naming the line. */
    private static List<String> linesOf(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(TextFileReader.open(file))) {
            return in.lines().toList();
        } catch (UnreadableTextException e) {
            throw new IllegalArgumentException("--dead-letters " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T parse(String json, Class<T> type, String where) {
        try {
            return Json.read(json, type);
        } catch (RuntimeException e) {
            throw new ConfigException("--dead-letters: " + where + " is not a " + type.getSimpleName() + " in canonical JSON: "
                    + e.getMessage(), e);
        }
    }

    /** The channels the dead letters name, as respond.alerts configures them now, their secrets checked. */
    private AlertsConfig alertsConfig(Set<String> names) {
        AlertsConfig configured = config.respond().alerts();
        List<AlertChannel> channels = new ArrayList<>();
        for (String name : names) {
            channels.add(configured.channels().stream().filter(channel -> channel.name().equals(name)).findFirst()
                    .orElseThrow(() -> new ConfigException("respond.alerts.channels: no channel named '" + name + "', which "
                            + "dead letters were delivered to; add it (with -c earshot.yaml) to send them again")));
        }
        AlertsConfig alerts = new AlertsConfig(channels, configured.delivery());
        EarshotJob.checkAlertSecrets(alerts, secrets);
        return alerts;
    }

    private HelpdeskSettings helpdeskSettings() {
        if (config.respond().helpdesk() == null) {
            throw new ConfigException("respond.helpdesk: not set, and there are helpdesk dead letters; give the helpdesk "
                    + "(with -c earshot.yaml) to send them again");
        }
        return EarshotJob.checkedHelpdesk(config.respond().helpdesk().toSettings(), secrets);
    }

    /** The lines of a file this run wrote afresh; 0 where it wrote none. */
    private static int lines(Path file, boolean written) throws IOException {
        if (!written || !Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return (int) lines.filter(line -> !line.isBlank()).count();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The folders of the files read, and the output folder: where the ledgers are read and written. */
    private List<Path> ledgerFolders(List<Path> files) {
        Set<Path> folders = new LinkedHashSet<>();
        files.forEach(file -> folders.add(file.toAbsolutePath().normalize().getParent()));
        folders.add(outputDir.toAbsolutePath().normalize());
        return List.copyOf(folders);
    }

    private void printSummary(List<Path> files, Undelivered undelivered, int alertsAgain, int ticketsAgain,
                              Path alertsFailed, Path ticketsFailed, DeliveryLedger ledger, DeliveryLedger.Recorder recorder) {
        int alerts = undelivered.alertsByKey().size();
        int tickets = undelivered.ticketsByKey().size();
        out.printf("Redelivery of %s%n", files.stream().map(Path::toString).collect(Collectors.joining(", ")));
        out.printf("  read            %d dead letters%n", undelivered.read());
        out.printf("  already sent    %d%s%n", undelivered.alreadyDelivered(), undelivered.alreadyDelivered() == 0 ? ""
                : " (delivered after they failed, by a resumed run or an earlier redeliver: " + ledger.files().stream()
                        .map(Path::toString).collect(Collectors.joining(", ")) + ")");
        if (undelivered.superseded() > 0) {
            out.printf("  superseded      %d (a later version of their incident reached the channel since: sent now, they "
                    + "would take it back to an older state of the incident)%n", undelivered.superseded());
        }
        int repeats = undelivered.read() - undelivered.alreadyDelivered() - undelivered.superseded() - undelivered.skipped()
                - alerts - tickets;
        if (repeats > 0) {
            out.printf("  repeats         %d (the same message dead-lettered again by a replay: sent once)%n", repeats);
        }
        out.printf("  redelivered     %d (%d alert messages, %d ticket versions)%n", alerts - alertsAgain + tickets - ticketsAgain,
                alerts - alertsAgain, tickets - ticketsAgain);
        List<String> failedFiles = new ArrayList<>();
        if (alertsAgain > 0) {
            failedFiles.add(alertsAgain + " -> " + alertsFailed);
        }
        if (ticketsAgain > 0) {
            failedFiles.add(ticketsAgain + " -> " + ticketsFailed);
        }
        out.printf("  failed again    %d%s%n", alertsAgain + ticketsAgain, failedFiles.isEmpty() ? "" : " (" + String.join(", ", failedFiles) + ")");
        out.printf("  skipped         %d%s%n", undelivered.skipped(), undelivered.skipped() == 0 ? ""
                : " (" + NOT_A_DELIVERY + "): " + undelivered.skippedByStage().entrySet().stream()
                        .map(stage -> stage.getValue() + " " + stage.getKey()).collect(Collectors.joining(", ")));
        if (alerts + tickets > alertsAgain + ticketsAgain) {
            out.printf("  recorded in     %s: a later redeliver skips what this one delivered%n", recorder.files().stream()
                    .map(Path::toString).collect(Collectors.joining(", ")));
        }
        for (AlertChannel channel : config.respond().alerts().channels()) {
            if (channel.type() == ChannelType.SLACK && undelivered.channels().contains(channel.name())) {
                out.printf("  note            channel '%s' is a Slack incoming webhook, which cannot be searched: a message "
                        + "posted but not recorded in %s (a run killed in between, or dead letters moved from their folder) "
                        + "posts again; type: slack-api looks in the channel before posting%n", channel.name(), DeliveryLedger.NAME + ".jsonl");
            }
        }
    }
}
