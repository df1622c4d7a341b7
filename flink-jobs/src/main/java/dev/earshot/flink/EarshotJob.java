package dev.earshot.flink;

import dev.earshot.config.ConfigException;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.file.DeliveryLedger;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.connectors.helpdesk.HelpdeskSettings;
import dev.earshot.connectors.helpdesk.HelpdeskSink;
import dev.earshot.connectors.http.AlertDeliverySink;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.PostChange;
import dev.earshot.respond.alerts.AlertsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Earshot job: a source of raw records, the {@link EarshotPipeline}, and sinks. Sources and sinks are
 * parameters: the CLI passes files, tests pass their own, deployments pass Kafka and Elasticsearch.
 */
public final class EarshotJob {

    private final EarshotConfig config;
    private final EnrichResources enrichResources;
    private final RecordSource source;
    private final List<EarshotSinks> sinks;
    private final Secrets secrets;

    /** @param sinks one or more sets; every output goes to each set */
    public EarshotJob(EarshotConfig config, RecordSource source, List<EarshotSinks> sinks) {
        this(config, source, sinks, Secrets.environment());
    }

    /** @param secrets where the credentials {@code respond} names are read: the environment, or a test's own */
    public EarshotJob(EarshotConfig config, RecordSource source, List<EarshotSinks> sinks, Secrets secrets) {
        this(config, EnrichResources.load(config.enrich()), source, sinks, secrets);
    }

    /** @param enrichResources what the start-up checks read of the files {@code config.enrich} names */
    public EarshotJob(EarshotConfig config, EnrichResources enrichResources, RecordSource source, List<EarshotSinks> sinks,
                      Secrets secrets) {
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one set of sinks");
        }
        this.config = config;
        this.enrichResources = enrichResources;
        this.source = source;
        this.sinks = List.copyOf(sinks);
        this.secrets = secrets;
    }

    public EarshotJob(EarshotConfig config, RecordSource source, EarshotSinks sinks) {
        this(config, source, List.of(sinks));
    }

    /** Adds the job's graph to {@code env}; the caller executes it. */
    public void build(StreamExecutionEnvironment env) {
        EarshotPipeline.Outputs outputs = new EarshotPipeline(config, enrichResources).apply(source.open(env));
        for (int i = 0; i < sinks.size(); i++) {
            EarshotSinks set = sinks.get(i);
            String suffix = i == 0 ? "" : "-" + i;
            // One writer per output where versions of one id must stay in order, and a local run gets one file each.
            outputs.alerts().sinkTo(set.alerts()).setParallelism(1).name("alerts sink" + suffix).uid("alerts-sink" + suffix);
            outputs.tickets().sinkTo(set.tickets()).setParallelism(1).name("tickets sink" + suffix).uid("tickets-sink" + suffix);
            if (set.deadLetters() != null) {
                outputs.deadLetters().sinkTo(set.deadLetters()).setParallelism(1)
                        .name("dead letters sink" + suffix).uid("dead-letters-sink" + suffix);
            }
            outputs.stats().sinkTo(set.stats()).setParallelism(1).name("window stats sink" + suffix).uid("stats-sink" + suffix);
            if (set.posts() != null) {
                // Keyed by post id: a post's versions and its deletion reach one writer, in order.
                outputs.postChanges().keyBy(PostChange::postId).sinkTo(set.posts())
                        .name("posts sink" + suffix).uid("posts-sink" + suffix);
            }
            if (set.deletions() != null) {
                outputs.deletions().sinkTo(set.deletions()).setParallelism(1)
                        .name("deletions sink" + suffix).uid("deletions-sink" + suffix);
            }
        }
        deliverToPeople(outputs);
    }

    /** Alerts to chat and webhooks, tickets to a helpdesk: only where configured. Secrets are checked now. */
    private void deliverToPeople(EarshotPipeline.Outputs outputs) {
        AlertsConfig alerts = config.respond().alerts();
        if (!alerts.channels().isEmpty()) {
            checkAlertSecrets(alerts, secrets);
            // One writer: rate limits, quiet periods and incident threads hold across the whole job.
            outputs.alerts().sinkTo(alertDelivery(alerts, deliveryDeadLetters(EarshotSinks.ALERT_DELIVERY), secrets))
                    .setParallelism(1).name("alert delivery").uid("alert-delivery");
        }
        if (config.respond().helpdesk() != null) {
            HelpdeskSettings helpdesk = checkedHelpdesk(config.respond().helpdesk().toSettings(), secrets);
            // Keyed by ticket: one conversation's versions reach the same writer, in order.
            Sink<DeadLetter> failed = deliveryDeadLetters(EarshotSinks.HELPDESK);
            HelpdeskSink delivery = new HelpdeskSink(helpdesk, secrets, failed);
            DeliveryLedger.Recorder ledger = ledgerBeside(failed);
            outputs.tickets().keyBy(HandoffTicket::id)
                    .sinkTo(ledger == null ? delivery : delivery.recordingIn(ledger))
                    .name("helpdesk").uid("helpdesk");
        }
    }

    /**
     * The alert delivery, recording what it delivers ({@link DeliveryLedger}) beside dead letters kept in files, so
     * that redeliver skips what a replay from a checkpoint delivered after it had failed.
     */
    public static AlertDeliverySink alertDelivery(AlertsConfig alerts, Sink<DeadLetter> failed, Secrets secrets) {
        AlertDeliverySink delivery = new AlertDeliverySink(alerts, failed, secrets);
        DeliveryLedger.Recorder ledger = ledgerBeside(failed);
        return ledger == null ? delivery : delivery.recordingIn(ledger);
    }

    /** The ledger in the folder of dead letters kept in files; null where they are kept elsewhere (Kafka). */
    private static DeliveryLedger.Recorder ledgerBeside(Sink<DeadLetter> failed) {
        Path folder = filesFolder(failed);
        return folder == null ? null : new DeliveryLedger.Recorder(List.of(folder));
    }

    private static Path filesFolder(Sink<DeadLetter> failed) {
        return failed instanceof JsonLinesFileSink<DeadLetter> files ? files.directory() : null;
    }

    /**
     * The folder where the deliveries to people keep their dead letters and their ledger ({@link DeliveryLedger}) as
     * files, which outlive a restart of the job; null where nothing is delivered or the dead letters go elsewhere.
     */
    public Path deliveryFilesFolder() {
        if (config.respond().alerts().channels().isEmpty() && config.respond().helpdesk() == null) {
            return null;
        }
        // the job was built, so some output keeps delivery dead letters
        return filesFolder(deliveryDeadLetters(EarshotSinks.HELPDESK));
    }

    /** Stops start-up, naming the key, when a channel's secret is missing from the environment. */
    public static void checkAlertSecrets(AlertsConfig alerts, Secrets secrets) {
        try {
            AlertDeliverySink.checkSecrets(alerts, secrets);
        } catch (IllegalArgumentException e) {
            throw new ConfigException((e.getMessage().startsWith("respond.alerts") ? "" : "respond.alerts: ") + e.getMessage(), e);
        }
    }

    /** {@code helpdesk}, once its secrets are known to be in the environment; otherwise start-up stops naming the key. */
    public static HelpdeskSettings checkedHelpdesk(HelpdeskSettings helpdesk, Secrets secrets) {
        try {
            helpdesk.checkSecrets(secrets);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        return helpdesk;
    }

    private Sink<DeadLetter> deliveryDeadLetters(String stage) {
        return sinks.stream().map(EarshotSinks::deliveryDeadLetters).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new ConfigException("respond: no output can keep what " + stage
                        + " fails to deliver; give output.dir or a Kafka output"))
                .apply(stage);
    }
}
