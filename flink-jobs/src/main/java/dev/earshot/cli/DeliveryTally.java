package dev.earshot.cli;

import dev.earshot.connectors.file.DeliveryLedger;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.connectors.helpdesk.HelpdeskDelivery;
import dev.earshot.connectors.http.AlertDeliveryWriter;
import dev.earshot.flink.EarshotSinks;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.alerts.IdempotencyKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a run delivered to people and gave up on, per target, counted from the files that outlive a restart of the
 * job rather than from Flink's accumulators, which start again at every restart. The ledger ({@link DeliveryLedger})
 * gets a line the moment a message gets through, outside any checkpoint, and the delivering sinks append their dead
 * letters to files they never cut back. A replay from the checkpoint sends again what was sent after it, so each
 * message counts once, by its idempotency key and origin; a dead letter whose message got through later (the replay
 * succeeded where the failed attempt had given up) counts as delivered. Only lines dated from the run's start count:
 * a resumed run appends to files that hold earlier runs' lines. What {@code earshot redeliver} delivers into the
 * same folder meanwhile is its own, not the run's: its dead letters stay the run's.
 *
 * <p>Each call reads only what the files gained since the last one (a file cut shorter, as a fresh writer starts
 * its file afresh, is read again from its start), so the progress line can ask every few seconds.
 */
final class DeliveryTally {

    /** The target name of the helpdesk; see {@link #channel} for the alert channels'. */
    static final String HELPDESK = "helpdesk";

    /** The target name of an alert channel, which no channel's name can make the helpdesk's. */
    static String channel(String name) {
        return "channel " + name;
    }

    /** A target's messages: those that got through, and those given up on (dead letters) and not delivered since. */
    record Counts(long delivered, long deadLetters) {
    }

    /** One message to one target: its idempotency key and origin. */
    private record Message(String target, String id) {
    }

    private static final Pattern DEAD_LETTER_FILES = JsonLinesFileSink.filesNamed(
            EarshotSinks.deliveryDeadLettersName(EarshotSinks.ALERT_DELIVERY) + "|"
                    + EarshotSinks.deliveryDeadLettersName(EarshotSinks.HELPDESK));

    private final Path folder;
    private final Instant since;
    private final Map<Path, FileTally> files = new HashMap<>();

    /**
     * @param folder where the deliveries keep their ledger and dead letters
     * @param since when the run started: earlier lines are earlier runs'
     */
    DeliveryTally(Path folder, Instant since) {
        this.folder = folder;
        this.since = since;
    }

    /** Each target's counts so far, by target name. */
    Map<String, Counts> count() throws IOException {
        Path ledger = DeliveryLedger.fileIn(folder);
        if (Files.isRegularFile(ledger)) {
            files.computeIfAbsent(ledger, file -> new FileTally(true)).readOn(ledger);
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> listed = Files.list(folder)) {
                for (Path file : listed.filter(file -> DEAD_LETTER_FILES.matcher(file.getFileName().toString()).matches()).toList()) {
                    files.computeIfAbsent(file, ignored -> new FileTally(false)).readOn(file);
                }
            }
        }
        Map<String, Set<String>> delivered = new HashMap<>();
        Map<String, Set<String>> failed = new HashMap<>();
        files.values().forEach(file -> file.messages.forEach((target, messages) ->
                (file.ledger ? delivered : failed).computeIfAbsent(target, ignored -> new HashSet<>()).addAll(messages)));
        Map<String, Counts> counts = new TreeMap<>();
        for (String target : union(delivered.keySet(), failed.keySet())) {
            Set<String> got = delivered.getOrDefault(target, Set.of());
            long givenUp = failed.getOrDefault(target, Set.of()).stream().filter(message -> !got.contains(message)).count();
            counts.put(target, new Counts(got.size(), givenUp));
        }
        return counts;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.addAll(b);
        return both;
    }

    /** The messages one file names, by target, and how far it has been read. */
    private final class FileTally {

        final boolean ledger;
        final Map<String, Set<String>> messages = new HashMap<>();
        long readTo;

        FileTally(boolean ledger) {
            this.ledger = ledger;
        }

        /** Reads the whole lines added since the last call; a line still being written waits for the next. */
        void readOn(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size < readTo) {
                    messages.clear();
                    readTo = 0;
                }
                if (size == readTo) {
                    return;
                }
                ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size - readTo));
                while (bytes.hasRemaining() && channel.read(bytes, readTo + bytes.position()) >= 0) {
                    continue; // a read may return fewer bytes than asked
                }
                int end = bytes.position();
                while (end > 0 && bytes.get(end - 1) != '\n') {
                    end--;
                }
                String text = new String(bytes.array(), 0, end, StandardCharsets.UTF_8);
                readTo += end;
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        take(line);
                    }
                }
            }
        }

        private void take(String line) {
            Message message;
            try {
                message = ledger ? delivered(line) : givenUp(line);
            } catch (RuntimeException notARecord) {
                // A line torn by a killed process: the ledger and redeliver pass over it too.
                return;
            }
            if (message != null) {
                messages.computeIfAbsent(message.target(), ignored -> new HashSet<>()).add(message.id());
            }
        }

        /** The message of a ledger line written since the run started, else null. */
        private Message delivered(String line) {
            DeliveryLedger.Entry entry = DeliveryLedger.parse(line);
            if (entry.deliveredAt().isBefore(since) || entry.by() != null) {
                return null; // an earlier run's, or a redeliver's run beside this one
            }
            String name = AlertDeliveryWriter.channelIn(entry.origin());
            String target = HelpdeskDelivery.STAGE.equals(entry.stage()) ? HELPDESK : name == null ? null : channel(name);
            return target == null ? null : new Message(target, entry.key() + ' ' + entry.origin());
        }

        /** The message of a delivery dead letter written since the run started, else null. */
        private Message givenUp(String line) {
            DeadLetter letter = Json.read(line, DeadLetter.class);
            if (letter.rejectedAt() != null && letter.rejectedAt().isBefore(since)) {
                return null;
            }
            if (HelpdeskDelivery.STAGE.equals(letter.stage())) {
                HandoffTicket ticket = Json.read(letter.raw(), HandoffTicket.class);
                return new Message(HELPDESK, dev.earshot.respond.helpdesk.IdempotencyKeys.version(ticket) + ' '
                        + HelpdeskDelivery.ledgerOrigin(ticket, letter.origin()));
            }
            String name = AlertDeliveryWriter.channelOf(letter);
            return name == null ? null : new Message(channel(name),
                    IdempotencyKeys.of(Json.read(letter.raw(), Alert.class), name) + ' ' + letter.origin());
        }
    }
}
