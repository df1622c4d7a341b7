package dev.earshot.connectors.file;

import dev.earshot.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code delivered.jsonl} beside delivery dead letters: one line per message a delivery got through, with its
 * idempotency key and when, so that {@code redeliver} does not send again a dead letter that a later run (replaying
 * from a checkpoint) or an earlier redelivery has delivered since. Append-only, from several processes at once (the
 * job, redeliver): each line is one {@code O_APPEND} write, which a local file system never interleaves.
 *
 * <p>A dead letter counts as delivered only when a line for its stage and key was written after the dead letter was
 * ({@link #deliveredAfter}): a line left by an older run of the same alerts must not hide a new failure.
 */
public final class DeliveryLedger {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLedger.class);

    /** The ledger's file name (without {@code .jsonl}) in an output folder. */
    public static final String NAME = "delivered";

    /**
     * One delivered message.
     *
     * @param stage the dead-letter stage of its delivery ({@code deliver}, {@code helpdesk})
     * @param key its idempotency key, the same on every retry, replay and redelivery of it
     * @param origin what it was, as its dead letter's origin says it
     * @param deliveredAt when it got through
     * @param by {@value #REDELIVER} where {@code earshot redeliver} delivered it; absent where the job did (and in
     *     ledgers written before this field)
     * @param found true where the delivery found the message delivered already (a Slack lookup) and sent nothing;
     *     absent where it sent the message, so that a message sent twice shows as two lines without it
     * @param windowEnd of an alert message, the end of its version's window, which orders an incident's versions;
     *     absent for tickets (and in ledgers written before this field)
     */
    public record Entry(String stage, String key, String origin, Instant deliveredAt, String by, Boolean found, Instant windowEnd) {

        /** A delivery by the job, which sent the message. */
        public Entry(String stage, String key, String origin, Instant deliveredAt) {
            this(stage, key, origin, deliveredAt, null, null, null);
        }

        /** A delivery of an alert version by the job. */
        public Entry(String stage, String key, String origin, Instant deliveredAt, Instant windowEnd) {
            this(stage, key, origin, deliveredAt, null, null, windowEnd);
        }

        /** This delivery as one that found its message delivered already and sent nothing. */
        public Entry asFound() {
            return new Entry(stage, key, origin, deliveredAt, by, true, windowEnd);
        }

        /** Whether the delivery sent the message (rather than finding it delivered already). */
        public boolean sent() {
            return !Boolean.TRUE.equals(found);
        }
    }

    /** {@link Entry#by} of what {@code earshot redeliver} delivered. */
    public static final String REDELIVER = "redeliver";

    private final Map<String, Instant> latestByKey;
    private final List<Entry> entries;
    private final List<Path> files;

    private DeliveryLedger(Map<String, Instant> latestByKey, List<Entry> entries, List<Path> files) {
        this.latestByKey = latestByKey;
        this.entries = entries;
        this.files = files;
    }

    /** The ledger file of an output folder. */
    public static Path fileIn(Path folder) {
        return JsonLinesFileSink.fileOf(folder, NAME);
    }

    /** The ledgers of these folders, read together; a folder without one adds nothing. */
    public static DeliveryLedger read(List<Path> folders) throws IOException {
        Map<String, Instant> latest = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        List<Path> read = new ArrayList<>();
        for (Path folder : folders) {
            Path file = fileIn(folder);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            read.add(file);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Entry entry;
                try {
                    entry = parse(lines.get(i));
                } catch (RuntimeException e) {
                    // A write torn by a killed process or a full disk, later ones appended after it: its message
                    // counts as not recorded, which may send it again but never leaves one unsent.
                    if (i < lines.size() - 1) {
                        LOG.warn("{} line {} is not a delivery record ({}): its message counts as not delivered",
                                file, i + 1, e.getMessage());
                    }
                    continue;
                }
                latest.merge(entry.stage() + '|' + entry.key(), entry.deliveredAt(), (a, b) -> a.isAfter(b) ? a : b);
                entries.add(entry);
            }
        }
        return new DeliveryLedger(latest, entries, List.copyOf(read));
    }

    /**
     * One line of a ledger; a line that is not one (torn by a killed process, say) is an
     * {@link IllegalArgumentException} or another {@link RuntimeException} of the JSON reader.
     */
    public static Entry parse(String line) {
        Entry entry = Json.read(line, Entry.class);
        if (entry.stage() == null || entry.key() == null || entry.deliveredAt() == null) {
            throw new IllegalArgumentException("it needs stage, key and deliveredAt");
        }
        return entry;
    }

    /** Whether the message of {@code stage} and {@code key} got through after {@code since} (any time when null). */
    public boolean deliveredAfter(String stage, String key, Instant since) {
        Instant at = latestByKey.get(stage + '|' + key);
        return at != null && (since == null || at.isAfter(since));
    }

    /** Every delivery the ledgers record, in the order read. */
    public List<Entry> entries() {
        return entries;
    }

    /** The ledger files read. */
    public List<Path> files() {
        return files;
    }

    /** Appends records to the ledgers of one or more folders; serializable, so a sink can carry it to its task. */
    public static final class Recorder implements Serializable {

        private static final long serialVersionUID = 1L;

        private final List<String> folders;
        /** What each record's {@link Entry#by} says; null for the job. */
        private final String by;

        /** Records what the job delivers. */
        public Recorder(List<Path> folders) {
            this(folders, null);
        }

        private Recorder(List<Path> folders, String by) {
            this.folders = folders.stream().map(folder -> folder.toAbsolutePath().toString()).distinct().toList();
            this.by = by;
        }

        /** Records what {@code earshot redeliver} delivers, so that a run's count of its own deliveries leaves it out. */
        public static Recorder forRedelivery(List<Path> folders) {
            return new Recorder(folders, REDELIVER);
        }

        /**
         * Appends {@code entry} to each ledger, creating it where missing; thread-safe. A ledger that cannot be
         * written is a WARN, not a failure: the message was delivered, and a redelivery may only send it again.
         */
        public synchronized void record(Entry entry) {
            Entry stamped = new Entry(entry.stage(), entry.key(), entry.origin(), entry.deliveredAt(), by, entry.found(),
                    entry.windowEnd());
            byte[] line = (Json.write(stamped) + "\n").getBytes(StandardCharsets.UTF_8);
            for (String folder : folders) {
                try {
                    Files.createDirectories(Path.of(folder));
                    try (OutputStream out = Files.newOutputStream(fileIn(Path.of(folder)), StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND)) {
                        out.write(line);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Cannot record the delivery of {} in {}: {}; redeliver may send it again", entry.origin(),
                            fileIn(Path.of(folder)), e.toString());
                }
            }
        }

        public List<Path> files() {
            return folders.stream().map(folder -> fileIn(Path.of(folder))).toList();
        }
    }
}
