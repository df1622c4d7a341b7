package dev.earshot.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a delivery ledger tells redeliver: delivered after the dead letter was written, by stage and key. */
class DeliveryLedgerTest {

    private static final Instant FAILED = Instant.parse("2026-11-25T18:00:00Z");

    @TempDir
    Path work;

    @Test
    void aDeliveryCountsOnlyAfterTheFailureAndForItsOwnStageAndKey() throws Exception {
        Path job = work.resolve("output");
        Path redelivery = work.resolve("output/redelivery");
        new DeliveryLedger.Recorder(List.of(job)).record(new DeliveryLedger.Entry("deliver", "k1", "alert a OPEN -> channel c",
                FAILED.plusSeconds(30)));
        new DeliveryLedger.Recorder(List.of(job, redelivery)).record(new DeliveryLedger.Entry("helpdesk", "k2", "ticket t v2",
                FAILED.minusSeconds(30)));

        DeliveryLedger ledger = DeliveryLedger.read(List.of(job, redelivery, work.resolve("none")));

        assertThat(ledger.files()).containsExactly(job.resolve("delivered.jsonl"), redelivery.resolve("delivered.jsonl"));
        assertThat(ledger.deliveredAfter("deliver", "k1", FAILED)).isTrue();
        assertThat(ledger.deliveredAfter("deliver", "k1", FAILED.plusSeconds(60))).as("failed again since").isFalse();
        assertThat(ledger.deliveredAfter("helpdesk", "k1", FAILED)).isFalse();
        assertThat(ledger.deliveredAfter("helpdesk", "k2", FAILED)).as("an older run's delivery").isFalse();
        assertThat(Files.readAllLines(redelivery.resolve("delivered.jsonl"))).hasSize(1);
    }

    /** Ledgers written before {@code by} existed read as the job's deliveries; a redeliver's lines say whose they are. */
    @Test
    void anOldLineReadsAsTheJobsAndARedeliversLineSaysSo() throws Exception {
        Files.writeString(work.resolve("delivered.jsonl"), "{\"stage\":\"helpdesk\",\"key\":\"k1\",\"origin\":\"zendesk "
                + "https://x.zendesk.com\",\"deliveredAt\":\"2026-11-25T18:00:30Z\"}\n");
        DeliveryLedger.Recorder.forRedelivery(List.of(work)).record(new DeliveryLedger.Entry("helpdesk", "k2", "o", FAILED.plusSeconds(1)));

        List<String> lines = Files.readAllLines(work.resolve("delivered.jsonl"));
        assertThat(DeliveryLedger.parse(lines.get(0))).isEqualTo(new DeliveryLedger.Entry("helpdesk", "k1", "zendesk https://x.zendesk.com",
                FAILED.plusSeconds(30)));
        assertThat(DeliveryLedger.parse(lines.get(1)).by()).isEqualTo(DeliveryLedger.REDELIVER);
        DeliveryLedger ledger = DeliveryLedger.read(List.of(work));
        assertThat(ledger.deliveredAfter("helpdesk", "k1", FAILED)).isTrue();
        assertThat(ledger.deliveredAfter("helpdesk", "k2", FAILED)).isTrue();
    }

    @Test
    void aTornLineCountsAsNotRecordedWhereverItStands() throws Exception {
        new DeliveryLedger.Recorder(List.of(work)).record(new DeliveryLedger.Entry("deliver", "k1", "o", FAILED.plusSeconds(1)));
        Path file = work.resolve("delivered.jsonl");
        Files.writeString(file, "{\"stage\":\"deliver\",\"ke", StandardOpenOption.APPEND);

        assertThat(DeliveryLedger.read(List.of(work)).deliveredAfter("deliver", "k1", FAILED)).isTrue();

        Files.writeString(file, "\n", StandardOpenOption.APPEND);
        new DeliveryLedger.Recorder(List.of(work)).record(new DeliveryLedger.Entry("deliver", "k3", "o", FAILED.plusSeconds(2)));
        DeliveryLedger ledger = DeliveryLedger.read(List.of(work));
        assertThat(ledger.deliveredAfter("deliver", "k1", FAILED)).isTrue();
        assertThat(ledger.deliveredAfter("deliver", "k3", FAILED)).as("recorded after the torn line").isTrue();
        assertThat(ledger.deliveredAfter("deliver", "k2", null)).isFalse();
    }
}
