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
import java.time.format.DateTimeParseException;
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
 * letters to files of their own, which an attempt restarted before any checkpoint completed starts afresh. A replay
 * from the checkpoint sends again what was sent after it, so each message counts once, by its idempotency key and
 * origin; a dead letter whose message got through later (the replay succeeded where the failed attempt had given up)
 * counts as delivered. Only lines dated from the run's start count: a resumed run appends to files that hold earlier
 * runs' lines. What {@code earshot redeliver} delivers into the same folder meanwhile is its own, not the run's: its
 * dead letters stay the run's.
 *
 * <p>A message to an alert channel that a replay sent again is counted once as delivered, and once more as sent
 * again for each repeat: an incoming webhook cannot be searched, so its channel shows the message twice. The ledger
 * tells a message sent again from one a Slack lookup found delivered already. In a resumed run, a message that an
 * earlier run's lines record as delivered and this run sends again is a repeat too.
 *
 * <p>Each call reads only what the files gained since the last one (a file started afresh is read again from its
 * start), a chunk at a time, and keeps each target's messages as it reads, so the progress line can ask every few
 * seconds. A dead letter whose file was started afresh still counts, unless its message got through since.
 */
final class DeliveryTally {

    /** The target name of the helpdesk; see {@link #channel} for the alert channels'. */
    static final String HELPDESK = "helpdesk";

    /** The target name of an alert channel, which no channel's name can make the helpdesk's. */
    static String channel(String name) {
        return "channel " + name;
    }

    /**
     * A target's messages: those that got through, those given up on (dead letters) and not delivered since, and the
     * repeats of messages delivered that a replay sent again.
     */
    record Counts(long delivered, long deadLetters, long sentAgain) {

        Counts(long delivered, long deadLetters) {
            this(delivered, deadLetters, 0);
        }
    }

    /**
     * One message to one target: its idempotency key and origin.
     *
     * @param sentAt when a delivery sent it (a ledger line not {@link DeliveryLedger.Entry#found}); null otherwise
     */
    private record Message(String target, String id, Instant sentAt) {
    }

    private static final Pattern DEAD_LETTER_FILES = JsonLinesFileSink.filesNamed(
            EarshotSinks.deliveryDeadLettersName(EarshotSinks.ALERT_DELIVERY) + "|"
                    + EarshotSinks.deliveryDeadLettersName(EarshotSinks.HELPDESK));

    /** How much of a file each read takes; a longer line takes more, up to {@link #LONGEST_LINE}. */
    private static final int CHUNK_BYTES = 1 << 20;
    /**
     * No record is longer (Jackson reads no string over 20 M characters): a longer line is garbage, passed over like a
     * torn one rather than held in memory.
     */
    private static final int LONGEST_LINE = 64 << 20;
    private static final String LEDGER_DATE = "\"deliveredAt\":\"";
    private static final String DEAD_LETTER_DATE = "\"rejectedAt\":\"";

    private static final String CHANNEL_STAGE = "\"stage\":\"" + AlertDeliveryWriter.STAGE + "\"";

    private final Path folder;
    private final Instant since;
    private final boolean resumed;
    private final Map<Path, FileTally> files = new HashMap<>();
    private final Map<String, Target> targets = new HashMap<>();
    /** In a resumed run: the alert-channel messages that earlier runs' ledger lines record as delivered. */
    private final Set<String> deliveredEarlier = new HashSet<>();

    /**
     * @param folder where the deliveries keep their ledger and dead letters
     * @param since when the run started: earlier lines are earlier runs'
     */
    DeliveryTally(Path folder, Instant since) {
        this(folder, since, false);
    }

    /** @param resumed whether the run resumed from saved state, so that it replays what the earlier run delivered */
    DeliveryTally(Path folder, Instant since, boolean resumed) {
        this.folder = folder;
        this.since = since;
        this.resumed = resumed;
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
        Map<String, Counts> counts = new TreeMap<>();
        targets.forEach((name, target) -> counts.put(name, new Counts(target.delivered.size(), target.givenUp.size(),
                target.sentAgain())));
        return counts;
    }

    /**
     * One target's messages: those delivered, those given up on and not delivered since, and when each was sent,
     * kept as each is read.
     */
    private final class Target {

        final Set<String> delivered = new HashSet<>();
        final Set<String> givenUp = new HashSet<>();
        /** By message; a set, as a ledger read again from its start repeats its lines. */
        final Map<String, Set<Instant>> sentAt = new HashMap<>();

        void take(Message message, boolean delivery) {
            if (delivery) {
                delivered.add(message.id());
                givenUp.remove(message.id());
                if (message.sentAt() != null) {
                    sentAt.computeIfAbsent(message.id(), ignored -> new HashSet<>()).add(message.sentAt());
                }
            } else if (!delivered.contains(message.id())) {
                givenUp.add(message.id());
            }
        }

        /** Each send after a message's first, an earlier run's delivery of it counting as its first. */
        long sentAgain() {
            return sentAt.entrySet().stream()
                    .mapToLong(sent -> sent.getValue().size() - (deliveredEarlier.contains(sent.getKey()) ? 0 : 1)).sum();
        }
    }

    /** How far one file has been read. */
    private final class FileTally {

        final boolean ledger;
        long readTo;

        FileTally(boolean ledger) {
            this.ledger = ledger;
        }

        /**
         * Reads the whole lines added since the last call, a chunk at a time; a line still being written waits for the
         * next. A file cut back (shorter now, or no longer ending a line where the last call stopped: it may have grown
         * back past that point since) is read again from its start; its messages count once still, as they are sets.
         */
        void readOn(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size < readTo || readTo > 0 && !endsALine(channel, readTo)) {
                    readTo = 0;
                }
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
                long at = readTo; // where in the file the chunk's first byte is
                boolean skipping = false; // through a line too long to be a record
                while (at + chunk.position() < size) {
                    if (!chunk.hasRemaining()) {
                        if (chunk.capacity() < LONGEST_LINE) {
                            chunk = ByteBuffer.allocate(chunk.capacity() * 2).put(chunk.flip());
                        } else {
                            skipping = true;
                            at += chunk.position();
                            chunk.clear();
                        }
                    }
                    int carried = chunk.position(); // the open line's start, which holds no line end
                    if (channel.read(chunk, at + carried) < 0) {
                        break;
                    }
                    byte[] bytes = chunk.array();
                    int lineStart = 0;
                    for (int i = carried; i < chunk.position(); i++) {
                        if (bytes[i] == '\n') {
                            if (!skipping) {
                                take(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8));
                            }
                            skipping = false;
                            lineStart = i + 1;
                        }
                    }
                    if (lineStart > 0) {
                        at += lineStart;
                        readTo = at;
                    }
                    chunk.flip().position(lineStart);
                    chunk.compact(); // the line still open moves to the front, for the next read to complete
                }
            }
        }

        private static boolean endsALine(FileChannel channel, long offset) throws IOException {
            ByteBuffer last = ByteBuffer.allocate(1);
            return channel.read(last, offset - 1) == 1 && last.get(0) == '\n';
        }

        private void take(String line) {
            if (line.isBlank()) {
                return;
            }
            if (datedBefore(line, ledger ? LEDGER_DATE : DEAD_LETTER_DATE)) {
                if (resumed && ledger && line.contains(CHANNEL_STAGE)) {
                    rememberDeliveredEarlier(line);
                }
                return;
            }
            Message message;
            try {
                message = ledger ? delivered(line) : givenUp(line);
            } catch (RuntimeException notARecord) {
                // A line torn by a killed process: the ledger and redeliver pass over it too.
                return;
            }
            if (message != null) {
                targets.computeIfAbsent(message.target(), ignored -> new Target()).take(message, ledger);
            }
        }

        /**
         * Whether the line is dated before the run's start, read from its date field alone: most of a resumed run's
         * ledger is earlier runs' lines, not worth parsing. False where the date cannot be read so: parsing decides.
         */
        private boolean datedBefore(String line, String dateField) {
            int from = line.lastIndexOf(dateField); // a string value holds no bare quote, so only the field matches
            int to = from < 0 ? -1 : line.indexOf('"', from + dateField.length());
            try {
                return to > 0 && Instant.parse(line.substring(from + dateField.length(), to)).isBefore(since);
            } catch (DateTimeParseException notADate) {
                return false;
            }
        }

        /** An alert-channel message an earlier run delivered, which this resumed run may replay. */
        private void rememberDeliveredEarlier(String line) {
            try {
                DeliveryLedger.Entry entry = DeliveryLedger.parse(line);
                if (AlertDeliveryWriter.STAGE.equals(entry.stage())) {
                    deliveredEarlier.add(entry.key() + ' ' + entry.origin());
                }
            } catch (RuntimeException notARecord) {
                // torn: as in take
            }
        }

        /**
         * The message of a ledger line written since the run started, else null. Only alert channels' sends are
         * told apart: a helpdesk that can be read back does not add a post again when it records a replayed version.
         */
        private Message delivered(String line) {
            DeliveryLedger.Entry entry = DeliveryLedger.parse(line);
            if (entry.deliveredAt().isBefore(since) || entry.by() != null) {
                return null; // an earlier run's, or a redeliver's run beside this one
            }
            String name = AlertDeliveryWriter.channelIn(entry.origin());
            String id = entry.key() + ' ' + entry.origin();
            if (HelpdeskDelivery.STAGE.equals(entry.stage())) {
                return new Message(HELPDESK, id, null);
            }
            return name == null ? null : new Message(channel(name), id, entry.sent() ? entry.deliveredAt() : null);
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
                        + HelpdeskDelivery.ledgerOrigin(ticket, letter.origin()), null);
            }
            String name = AlertDeliveryWriter.channelOf(letter);
            return name == null ? null : new Message(channel(name),
                    IdempotencyKeys.of(Json.read(letter.raw(), Alert.class), name) + ' ' + letter.origin(), null);
        }
    }
}
