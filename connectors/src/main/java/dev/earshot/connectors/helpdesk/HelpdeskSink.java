package dev.earshot.connectors.helpdesk;

import dev.earshot.connectors.DeliveryAccumulators;
import dev.earshot.connectors.SinkContexts;

import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.file.DeliveryLedger;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Hands ticket versions to a helpdesk (Zendesk, Freshdesk or a webhook): one helpdesk ticket per Earshot ticket,
 * later posts as comments, never a second ticket or a repeated comment.
 *
 * <p>Guarantees: every version is delivered or dead-lettered before a checkpoint completes (at-least-once
 * requests), and the writer's state (each Earshot ticket's helpdesk id and the posts it holds) is checkpointed
 * with it. A restart resumes from that checkpoint and replays the versions after it, whose posts may have reached the
 * helpdesk before the crash: the first version that adds posts to a ticket known from the checkpoint reads the
 * ticket back first (once per ticket per writer), so no post is added twice. Without state (a new job, or after
 * rescaling moved a ticket to another subtask), the helpdesk is asked: see {@link ZendeskApi} and
 * {@link FreshdeskApi}. A webhook cannot be read: see {@link WebhookApi}.
 *
 * <p>A version listing posts their authors deleted ({@code removedPostIds}) removes their text from the helpdesk
 * ticket: redacted from Zendesk comments, rewritten out of Freshdesk descriptions and notes, or (webhook) the
 * version itself is sent. The state then records them as removed, so a replay neither removes them twice nor adds
 * them back.
 *
 * <p>A version whose post reads otherwise than the text delivered (edited on its network; the state keeps a
 * fingerprint of each post's texts) shows the new text instead: the old one redacted from Zendesk with the new one in
 * a private comment, the Freshdesk description or note rewritten, or (webhook) the version sent. A replay neither
 * shows an edit twice nor brings an earlier text back.
 *
 * <p>New posts on a ticket the agents finished with put it back to open (Zendesk pending or solved, Freshdesk pending,
 * resolved or closed; {@code respond.helpdesk.reopen}); a closed Zendesk ticket, which takes no update, gets a
 * follow-up ticket holding them, which the state then maps the Earshot ticket to.
 *
 * <p>Failures that retries cannot fix become {@link DeadLetter}s with stage {@code helpdesk}, written to
 * {@code deadLetters} (a sink without writer state, e.g. the JSON-lines file sink), each with a WARN line. The versions
 * handed over, delivered and dead-lettered are counted as job accumulators ({@link DeliveryAccumulators}).
 *
 * <pre>{@code
 * tickets.keyBy(HandoffTicket::id)
 *        .sinkTo(new HelpdeskSink(settings, Secrets.environment(), new JsonLinesFileSink<>(dir, "helpdesk-dead-letters")))
 *        .name("helpdesk").uid("helpdesk");
 * }</pre>
 */
public final class HelpdeskSink implements Sink<HandoffTicket>, SupportsWriterState<HandoffTicket, Map<String, DeliveredTicket>> {

    private static final long serialVersionUID = 1L;

    private final HelpdeskSettings settings;
    private final Secrets secrets;
    private final Sink<DeadLetter> deadLetters;
    private final DeliveryLedger.Recorder ledger;

    public HelpdeskSink(HelpdeskSettings settings, Secrets secrets, Sink<DeadLetter> deadLetters) {
        this(settings, secrets, deadLetters, null);
    }

    private HelpdeskSink(HelpdeskSettings settings, Secrets secrets, Sink<DeadLetter> deadLetters, DeliveryLedger.Recorder ledger) {
        this.settings = settings;
        this.secrets = secrets;
        this.deadLetters = deadLetters;
        this.ledger = ledger;
    }

    /**
     * This sink, recording each ticket version it delivers in {@code ledger} ({@link DeliveryLedger}), so that
     * {@code redeliver} skips the dead letters of versions delivered since they failed (a webhook helpdesk cannot be
     * asked whether it has a version).
     */
    public HelpdeskSink recordingIn(DeliveryLedger.Recorder ledger) {
        return new HelpdeskSink(settings, secrets, deadLetters, ledger);
    }

    @Override
    public StatefulSinkWriter<HandoffTicket, Map<String, DeliveredTicket>> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<HandoffTicket, Map<String, DeliveredTicket>> restoreWriter(
            WriterInitContext context, Collection<Map<String, DeliveredTicket>> recovered) throws IOException {
        HelpdeskDelivery delivery = new HelpdeskDelivery(settings, secrets, Clock.systemUTC());
        recovered.forEach(delivery::restore);
        if (ledger != null) {
            delivery.recordDeliveriesIn(ledger);
        }
        DeliveryCounters counts = delivery.counters();
        DeliveryAccumulators.register(context, DeliveryAccumulators.HELPDESK_VERSIONS, counts.versions);
        DeliveryAccumulators.register(context, DeliveryAccumulators.HELPDESK_DELIVERED, counts.versionsDelivered);
        DeliveryAccumulators.register(context, DeliveryAccumulators.HELPDESK_DEAD_LETTERS, counts.deadLetters);
        return new Writer(delivery, deadLetters.createWriter(context));
    }

    @Override
    public SimpleVersionedSerializer<Map<String, DeliveredTicket>> getWriterStateSerializer() {
        return new StateSerializer();
    }

    private static final class Writer implements StatefulSinkWriter<HandoffTicket, Map<String, DeliveredTicket>> {

        private final HelpdeskDelivery delivery;
        private final SinkWriter<DeadLetter> deadLetters;

        Writer(HelpdeskDelivery delivery, SinkWriter<DeadLetter> deadLetters) {
            this.delivery = delivery;
            this.deadLetters = deadLetters;
        }

        @Override
        public void write(HandoffTicket ticket, Context context) throws IOException, InterruptedException {
            writeDeadLetters();
            delivery.submit(ticket);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            delivery.awaitAll();
            writeDeadLetters();
            deadLetters.flush(endOfInput);
        }

        @Override
        public List<Map<String, DeliveredTicket>> snapshotState(long checkpointId) {
            return List.of(delivery.snapshot());
        }

        private void writeDeadLetters() throws IOException, InterruptedException {
            for (DeadLetter letter : delivery.takeDeadLetters()) {
                deadLetters.write(letter, SinkContexts.NONE);
            }
        }

        @Override
        public void close() throws Exception {
            deadLetters.close();
        }
    }

    /** The writer state as canonical JSON, which tolerates fields added to {@link DeliveredTicket} later. */
    private static final class StateSerializer implements SimpleVersionedSerializer<Map<String, DeliveredTicket>> {

        private static final TypeReference<HashMap<String, DeliveredTicket>> TYPE = new TypeReference<>() {
        };

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Map<String, DeliveredTicket> state) throws IOException {
            return Json.mapper().writeValueAsBytes(state);
        }

        @Override
        public Map<String, DeliveredTicket> deserialize(int version, byte[] serialized) throws IOException {
            return Json.mapper().readValue(serialized, TYPE);
        }
    }
}
