package dev.earshot.flink;

import dev.earshot.config.ConfigException;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.helpdesk.HelpdeskSettings;
import dev.earshot.connectors.helpdesk.HelpdeskSink;
import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.http.AlertDeliverySink;
import dev.earshot.connectors.Secrets;
import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.connectors.file.JsonLinesFiles;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Earshot job: a source of raw records, the {@link EarshotPipeline}, and sinks. Sources and sinks are
 * parameters: the CLI passes files, tests pass their own, deployments pass Kafka and Elasticsearch.
 */
public final class EarshotJob {

    private final EarshotConfig config;
    private final Source<String, ?, ?> source;
    private final String sourceName;
    private final EarshotSinks sinks;
    private final int sourceParallelism;

    /** A source read at the job's parallelism, such as a Kafka topic with as many partitions. */
    public EarshotJob(EarshotConfig config, Source<String, ?, ?> source, String sourceName, EarshotSinks sinks) {
        this(config, source, sourceName, sinks, config.parallelism());
    }

    /**
     * @param sourceParallelism how many readers the source gets. One file has one reader's worth of splits, and
     *     a reader left without a split would hold the watermark back until it finishes: give a file source 1.
     */
    public EarshotJob(EarshotConfig config, Source<String, ?, ?> source, String sourceName, EarshotSinks sinks,
                      int sourceParallelism) {
        this.config = config;
        this.source = source;
        this.sourceName = sourceName;
        this.sinks = sinks;
        this.sourceParallelism = sourceParallelism;
    }

    /** A job over one JSON-lines file of posts (.gz allowed), read by a single reader. */
    public static EarshotJob overFile(EarshotConfig config, java.nio.file.Path file, String sourceName, EarshotSinks sinks) {
        return new EarshotJob(config, JsonLinesFiles.source(file), sourceName, sinks, 1);
    }

    /** Adds the job's graph to {@code env}; the caller executes it. */
    public void build(StreamExecutionEnvironment env) {
        // Event time is assigned after parsing, where a record's time is known; a malformed record has none.
        DataStream<String> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), sourceName)
                .setParallelism(sourceParallelism).uid("source");
        EarshotPipeline.Outputs outputs = new EarshotPipeline(config, sourceName).apply(records);
        // One writer per output, so that a local run gives one file each.
        outputs.alerts().sinkTo(sinks.alerts()).setParallelism(1).name("alerts sink").uid("alerts-sink");
        outputs.tickets().sinkTo(sinks.tickets()).setParallelism(1).name("tickets sink").uid("tickets-sink");
        outputs.deadLetters().sinkTo(sinks.deadLetters()).setParallelism(1).name("dead letters sink").uid("dead-letters-sink");
        outputs.stats().sinkTo(sinks.stats()).setParallelism(1).name("window stats sink").uid("stats-sink");
        deliverToPeople(outputs);
    }

    /** Alerts to chat and webhooks, tickets to a helpdesk: only where configured. Secrets are checked now. */
    private void deliverToPeople(EarshotPipeline.Outputs outputs) {
        AlertsConfig alerts = config.respond().alerts();
        if (!alerts.channels().isEmpty()) {
            try {
                AlertDeliverySink.checkSecrets(alerts, Secrets.environment());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("respond.alerts: " + e.getMessage(), e);
            }
            // One writer: rate limits, quiet periods and incident threads hold across the whole job.
            outputs.alerts().sinkTo(new AlertDeliverySink(alerts, sinks.deliveryDeadLetters().apply("alert-delivery")))
                    .setParallelism(1).name("alert delivery").uid("alert-delivery");
        }
        if (config.respond().helpdesk() != null) {
            HelpdeskSettings helpdesk = config.respond().helpdesk().toSettings();
            try {
                helpdesk.checkSecrets(Secrets.environment());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
            // Keyed by ticket: one conversation's versions reach the same writer, in order.
            outputs.tickets().keyBy(HandoffTicket::id)
                    .sinkTo(new HelpdeskSink(helpdesk, Secrets.environment(), sinks.deliveryDeadLetters().apply("helpdesk")))
                    .name("helpdesk").uid("helpdesk");
        }
    }
}
