package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.file.DeliveryLedger;
import dev.earshot.connectors.helpdesk.HelpdeskDelivery;
import dev.earshot.connectors.http.AlertDeliveryWriter;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketStatus;
import dev.earshot.respond.alerts.IdempotencyKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run delivered, per target, from its ledger and delivery dead letters: each message once, this run's only. */
class DeliveryTallyTest {

    private static final Instant STARTED = Instant.parse("2026-11-25T18:00:00Z");
    private static final String WEBHOOK = "webhook http://127.0.0.1:8080/hooks/tickets";

    @TempDir
    Path output;

    private Alert alert;
    private List<HandoffTicket> versions;

    @BeforeEach
    void read() throws IOException {
        alert = Json.read(resource("/alerts/parking-bengaluru.json"), Alert.class);
        versions = resource("/helpdesk/bundled-tickets.jsonl").lines().map(line -> Json.read(line, HandoffTicket.class)).toList();
    }

    @Test
    void aReplayedMessageCountsOnceAndADeadLetterDeliveredLaterCountsAsDelivered() throws Exception {
        recordTicket(versions.get(0), STARTED.plusSeconds(1));
        recordTicket(versions.get(1), STARTED.plusSeconds(2));
        recordTicket(versions.get(1), STARTED.plusSeconds(9)); // replayed after a restart
        ticketDeadLetter("helpdesk-dead-letters-0.jsonl", versions.get(2), STARTED.plusSeconds(3));
        ticketDeadLetter("helpdesk-dead-letters-1.jsonl", versions.get(3), STARTED.plusSeconds(3));
        recordTicket(versions.get(3), STARTED.plusSeconds(10)); // the replay got it through
        recordAlert("ops-hook", STARTED.plusSeconds(4));
        alertDeadLetter("ops-slack", STARTED.plusSeconds(5));
        alertDeadLetter("ops-slack", STARTED.plusSeconds(11)); // given up on again in the replay

        assertThat(new DeliveryTally(output, STARTED).count()).isEqualTo(Map.of(
                DeliveryTally.HELPDESK, new DeliveryTally.Counts(3, 1),
                DeliveryTally.channel("ops-hook"), new DeliveryTally.Counts(1, 0),
                DeliveryTally.channel("ops-slack"), new DeliveryTally.Counts(0, 1)));
    }

    @Test
    void anEarlierRunsLinesTornLinesAndRedeliversDoNotCount() throws Exception {
        recordTicket(versions.get(0), STARTED.minusSeconds(60));
        ticketDeadLetter("helpdesk-dead-letters.jsonl", versions.get(1), STARTED.minusSeconds(60));
        recordTicket(versions.get(2), STARTED.plusSeconds(1));
        Files.writeString(DeliveryLedger.fileIn(output), "{\"stage\":\"helpdesk\",\"ke\n", StandardOpenOption.APPEND);
        recordTicket(versions.get(3), STARTED.plusSeconds(2));
        ticketDeadLetter("helpdesk-dead-letters.jsonl", versions.get(4), STARTED.plusSeconds(3));
        DeliveryLedger.Recorder.forRedelivery(List.of(output)).record(new DeliveryLedger.Entry(HelpdeskDelivery.STAGE,
                dev.earshot.respond.helpdesk.IdempotencyKeys.version(versions.get(4)),
                HelpdeskDelivery.ledgerOrigin(versions.get(4), WEBHOOK), STARTED.plusSeconds(4)));

        assertThat(new DeliveryTally(output, STARTED).count()).as("a redeliver's delivery is not the run's")
                .isEqualTo(Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(2, 1)));
    }

    /**
     * An incoming webhook's message sent again by a replay is a repeat; one a Slack lookup found posted already is not,
     * and a helpdesk's replayed version is the same ticket version.
     */
    @Test
    void aMessageSentAgainCountsAsARepeatAndOneFoundInSlackDoesNot() throws Exception {
        recordAlert("ops-slack", STARTED.plusSeconds(1));
        recordAlert("ops-slack", STARTED.plusSeconds(9)); // replayed after a restart
        recordAlert("ops-slack", STARTED.plusSeconds(19)); // and after a second one
        recordAlert("care-slack", STARTED.plusSeconds(1));
        new DeliveryLedger.Recorder(List.of(output)).record(new DeliveryLedger.Entry(AlertDeliveryWriter.STAGE,
                IdempotencyKeys.of(alert, "care-slack"), alertOrigin("care-slack"), STARTED.plusSeconds(9)).asFound());
        recordTicket(versions.get(0), STARTED.plusSeconds(1));
        recordTicket(versions.get(0), STARTED.plusSeconds(9));

        DeliveryTally tally = new DeliveryTally(output, STARTED);
        assertThat(tally.count()).isEqualTo(Map.of(
                DeliveryTally.HELPDESK, new DeliveryTally.Counts(1, 0),
                DeliveryTally.channel("ops-slack"), new DeliveryTally.Counts(1, 0, 2),
                DeliveryTally.channel("care-slack"), new DeliveryTally.Counts(1, 0)));
        assertThat(tally.count()).as("counted again, each line once").containsEntry(DeliveryTally.channel("ops-slack"),
                new DeliveryTally.Counts(1, 0, 2));
    }

    /** A resumed run replays what the stopped one delivered after its last checkpoint; a fresh run's messages are new. */
    @Test
    void aResumedRunsMessageAnEarlierRunDeliveredIsARepeat() throws Exception {
        recordAlert("ops-slack", STARTED.minusSeconds(60));
        recordAlert("ops-slack", STARTED.plusSeconds(1));

        assertThat(new DeliveryTally(output, STARTED, true).count())
                .isEqualTo(Map.of(DeliveryTally.channel("ops-slack"), new DeliveryTally.Counts(1, 0, 1)));
        assertThat(new DeliveryTally(output, STARTED, false).count())
                .isEqualTo(Map.of(DeliveryTally.channel("ops-slack"), new DeliveryTally.Counts(1, 0)));
    }

    /** A CLOSED version holds the posts of the update before it, so it has its idempotency key: it is still its own. */
    @Test
    void aClosedVersionIsNotTakenForTheUpdateBeforeIt() throws Exception {
        HandoffTicket updated = versions.get(1);
        HandoffTicket closed = Json.read(Json.write(updated).replace("\"status\":\"" + updated.status() + "\"",
                "\"status\":\"" + TicketStatus.CLOSED + "\""), HandoffTicket.class);
        assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
        recordTicket(updated, STARTED.plusSeconds(1));
        ticketDeadLetter("helpdesk-dead-letters.jsonl", closed, STARTED.plusSeconds(2));

        assertThat(new DeliveryTally(output, STARTED).count())
                .isEqualTo(Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(1, 1)));
    }

    @Test
    void eachCallReadsWhatWasAddedAndAFileStartedAfreshIsReadAgain() throws Exception {
        DeliveryTally tally = new DeliveryTally(output, STARTED);
        assertThat(tally.count()).isEmpty();

        recordTicket(versions.get(0), STARTED.plusSeconds(1));
        Path letters = ticketDeadLetter("helpdesk-dead-letters.jsonl", versions.get(1), STARTED.plusSeconds(1));
        ticketDeadLetter("helpdesk-dead-letters.jsonl", versions.get(2), STARTED.plusSeconds(1));
        String half = Json.write(new DeadLetter(Json.write(versions.get(4)), "HTTP 401", HelpdeskDelivery.STAGE, WEBHOOK,
                STARTED.plusSeconds(2)));
        Files.writeString(letters, half.substring(0, 40), StandardOpenOption.APPEND);
        assertThat(tally.count()).as("the line still being written waits")
                .isEqualTo(Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(1, 2)));

        Files.writeString(letters, half.substring(40) + "\n", StandardOpenOption.APPEND);
        recordTicket(versions.get(3), STARTED.plusSeconds(2));
        assertThat(tally.count()).isEqualTo(Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(2, 3)));

        Files.delete(letters);
        ticketDeadLetter("helpdesk-dead-letters.jsonl", versions.get(5), STARTED.plusSeconds(3));
        assertThat(tally.count()).as("the file started afresh is read again; what it held still counts, once")
                .isEqualTo(Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(2, 4)));
    }

    /** A sink restarted before any checkpoint starts its file afresh, which may grow back past where the last read stopped. */
    @Test
    void aFileStartedAfreshAndGrownBackPastTheLastReadIsReadAgainFromItsStart() throws Exception {
        DeliveryTally tally = new DeliveryTally(output, STARTED);
        Path letters = ticketDeadLetter("helpdesk-dead-letters.jsonl", versions.get(1), STARTED.plusSeconds(1));
        assertThat(tally.count()).isEqualTo(Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(0, 1)));
        long readTo = Files.size(letters);

        Files.writeString(letters, "", StandardOpenOption.TRUNCATE_EXISTING);
        int version = 2;
        while (Files.size(letters) <= readTo) {
            ticketDeadLetter("helpdesk-dead-letters.jsonl", versions.get(version++), STARTED.plusSeconds(2));
        }

        assertThat(tally.count()).as("each line of the new file, and the one the file held before")
                .isEqualTo(Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(0, version - 1)));
    }

    /** A resumed run's ledger holds every earlier run's lines: it is read a chunk at a time, however long it is. */
    @Test
    void aLedgerLongerThanAnArrayAndALineLongerThanAnyRecordAreReadThrough() throws Exception {
        recordTicket(versions.get(0), STARTED.minusSeconds(60));
        Path ledger = DeliveryLedger.fileIn(output);
        try (FileChannel channel = FileChannel.open(ledger, StandardOpenOption.WRITE)) {
            // A hole reads as zeros: one line past 2 GiB, no record, without writing it.
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}), Integer.MAX_VALUE + 10L);
        }
        recordTicket(versions.get(1), STARTED.plusSeconds(1));
        recordTicket(versions.get(2), STARTED.plusSeconds(2));

        assertThat(new DeliveryTally(output, STARTED).count())
                .isEqualTo(Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(2, 0)));
    }

    private void recordTicket(HandoffTicket version, Instant at) {
        new DeliveryLedger.Recorder(List.of(output)).record(new DeliveryLedger.Entry(HelpdeskDelivery.STAGE,
                dev.earshot.respond.helpdesk.IdempotencyKeys.version(version), HelpdeskDelivery.ledgerOrigin(version, WEBHOOK), at));
    }

    private Path ticketDeadLetter(String file, HandoffTicket version, Instant at) throws IOException {
        return append(file, new DeadLetter(Json.write(version), "HTTP 401", HelpdeskDelivery.STAGE, WEBHOOK, at));
    }

    private void recordAlert(String channel, Instant at) {
        new DeliveryLedger.Recorder(List.of(output)).record(new DeliveryLedger.Entry(AlertDeliveryWriter.STAGE,
                IdempotencyKeys.of(alert, channel), alertOrigin(channel), at));
    }

    private void alertDeadLetter(String channel, Instant at) throws IOException {
        append("alert-delivery-dead-letters.jsonl", new DeadLetter(Json.write(alert), "channel '" + channel + "': HTTP 404",
                AlertDeliveryWriter.STAGE, alertOrigin(channel), at));
    }

    private String alertOrigin(String channel) {
        return "alert " + alert.id() + " " + alert.status() + " -> channel " + channel;
    }

    private Path append(String file, DeadLetter letter) throws IOException {
        return Files.writeString(output.resolve(file), Json.write(letter) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DeliveryTallyTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
