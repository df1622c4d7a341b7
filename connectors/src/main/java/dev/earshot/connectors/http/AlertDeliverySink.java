package dev.earshot.connectors.http;

import dev.earshot.connectors.DeliveryAccumulators;
import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.file.DeliveryLedger;

import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.respond.alerts.AlertsConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Delivers alerts to Slack-compatible incoming webhooks, Slack's Web API (threads) and signed JSON webhooks
 * ({@code respond.alerts}), and
 * writes what it could not deliver to {@code deadLetters} (stage {@code deliver}, with the reason). Run it at
 * parallelism 1, or keyed by alert id, so that one incident's versions meet the same writer (its thread and
 * quiet period) and each channel's rate limit holds for the job. The open threads (and their Slack {@code ts})
 * are the writer's checkpointed state ({@link AlertDeliveryState}), so a restarted job continues them.
 *
 * <pre>{@code
 * alerts.sinkTo(new AlertDeliverySink(config.respond().alerts(), new JsonLinesFileSink<>(dir, "alert-dead-letters")))
 *       .setParallelism(1).name("alert delivery").uid("alert-delivery");
 * }</pre>
 *
 * <p>Secrets are read on the task manager when the writer starts, from the environment variables the channels
 * name; {@link #checkSecrets} lets the client fail fast before submitting. The dead-letter sink's writer is
 * created inside this one, so it should be an at-least-once sink (a file, Kafka without transactions).
 *
 * <p>Why not flink-connector-base's AsyncSinkBase: it batches request entries, retries them without a per-entry
 * attempt limit or {@code Retry-After}, and can only fail the job on a fatal error; alert delivery needs
 * per-message attempts, backoff honouring the endpoint, a dead letter instead of a failure, and rate limits.
 */
public final class AlertDeliverySink implements Sink<Alert>, SupportsWriterState<Alert, AlertDeliveryState> {

    private static final long serialVersionUID = 1L;

    private final AlertsConfig config;
    private final Sink<DeadLetter> deadLetters;
    private final Secrets secrets;
    private final Set<String> redeliveredKeys;
    private final Instant earliestRejection;
    private final DeliveryLedger.Recorder ledger;

    public AlertDeliverySink(AlertsConfig config, Sink<DeadLetter> deadLetters) {
        this(config, deadLetters, Secrets.environment());
    }

    public AlertDeliverySink(AlertsConfig config, Sink<DeadLetter> deadLetters, Secrets secrets) {
        this(config, deadLetters, secrets, null, null, null);
    }

    private AlertDeliverySink(AlertsConfig config, Sink<DeadLetter> deadLetters, Secrets secrets, Set<String> redeliveredKeys,
                              Instant earliestRejection, DeliveryLedger.Recorder ledger) {
        this.config = config;
        this.deadLetters = deadLetters;
        this.secrets = secrets;
        this.redeliveredKeys = redeliveredKeys;
        this.earliestRejection = earliestRejection;
        this.ledger = ledger;
    }

    /**
     * This sink, sending dead-lettered alert versions again: each to the channels of {@code keys} (their
     * {@link dev.earshot.respond.alerts.IdempotencyKeys}, which receivers deduplicate by) whatever the routing says,
     * and on slack-api channels after looking for the message a lost answer may have posted.
     *
     * @param earliestRejection when the earliest of them became a dead letter: Slack is searched from its first attempt
     */
    public AlertDeliverySink redelivery(Set<String> keys, Instant earliestRejection) {
        return new AlertDeliverySink(config, deadLetters, secrets, Set.copyOf(keys), earliestRejection, ledger);
    }

    /**
     * This sink, recording each message it delivers in {@code ledger} ({@link DeliveryLedger}), so that
     * {@code redeliver} skips the dead letters of messages delivered since they failed.
     */
    public AlertDeliverySink recordingIn(DeliveryLedger.Recorder ledger) {
        return new AlertDeliverySink(config, deadLetters, secrets, redeliveredKeys, earliestRejection, ledger);
    }

    /** Fails with a message naming the channel and the variable when a secret is missing or malformed. */
    public static void checkSecrets(AlertsConfig config, Secrets secrets) {
        ChannelEndpoint.resolve(config.channels(), secrets);
    }

    @Override
    public StatefulSinkWriter<Alert, AlertDeliveryState> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<Alert, AlertDeliveryState> restoreWriter(WriterInitContext context,
                                                                      Collection<AlertDeliveryState> recovered) throws IOException {
        AlertDeliveryWriter writer = new AlertDeliveryWriter(config, ChannelEndpoint.resolve(config.channels(), secrets),
                deadLetters.createWriter(context), Clock.systemUTC());
        recovered.forEach(writer::restore);
        if (ledger != null) {
            writer.recordDeliveriesIn(ledger);
        }
        if (redeliveredKeys != null) {
            writer.redeliver(redeliveredKeys, earliestRejection);
        }
        writer.channelCounts().forEach((channel, counts) -> {
            DeliveryAccumulators.register(context, DeliveryAccumulators.ALERT_MESSAGES + channel, counts.messages());
            DeliveryAccumulators.register(context, DeliveryAccumulators.ALERT_DELIVERED + channel, counts.delivered());
            DeliveryAccumulators.register(context, DeliveryAccumulators.ALERT_DEAD_LETTERS + channel, counts.deadLetters());
            DeliveryAccumulators.register(context, DeliveryAccumulators.ALERT_HELD_BACK + channel, counts.heldBack());
        });
        context.metricGroup().gauge("alertsDelivered", () -> writer.stats().delivered());
        context.metricGroup().gauge("alertDeliveryRetries", () -> writer.stats().retries());
        context.metricGroup().gauge("alertDeadLetters", () -> writer.stats().deadLetters());
        context.metricGroup().gauge("alertRepostsAvoided", writer::repostsAvoided);
        return writer;
    }

    @Override
    public SimpleVersionedSerializer<AlertDeliveryState> getWriterStateSerializer() {
        return new AlertDeliveryState.Serializer();
    }
}
