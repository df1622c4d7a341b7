package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.file.FileContentSource;
import dev.earshot.enrich.topics.Taxonomy;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The valid taxonomy versions the enrich step switches to while the job runs (rejected ones are the
 * {@link CheckTaxonomy#REJECTED} side output). Only a job whose input never ends has them ({@link EnrichStage}).
 *
 * <p>The file is watched only where an edit can matter: a taxonomy file (a bundled one cannot change) on an input
 * that never ends (Kafka). With a bundled taxonomy, the only version is the start-up one, and that stream ends at
 * once: it stays in the graph because savepoints of earlier releases hold its source, and Flink refuses to restore
 * one whose operators are gone. (An empty stream would do, but Flink 2.2's {@code fromData} fails on an empty
 * collection.)
 *
 * <p>A taxonomy version has no event time: it applies to the posts processed after it arrives. The enrich step
 * therefore ignores this input's watermarks ({@link BroadcastWithoutEventTime}), and the posts alone decide its event
 * time. Counted, a stream that sent no watermark would hold every window back forever; and the end of event time,
 * which a bounded stream declares as it ends, would fire every window as soon as the posts fell silent for
 * {@code stream.idleness}, and make every later post too late.
 */
final class TaxonomyVersions {

    private TaxonomyVersions() {
    }

    /**
     * @param env the job's, whose input never ends
     * @param startup the taxonomy the job starts with, checked by the client
     */
    static SingleOutputStreamOperator<String> of(StreamExecutionEnvironment env, EarshotConfig.Enrich settings, Taxonomy startup) {
        Path file = settings.taxonomyFile();
        DataStream<String> versions = file != null
                ? env.fromSource(new FileContentSource(file, settings.taxonomyPollInterval()), WatermarkStrategy.noWatermarks(),
                        "taxonomy file", BasicTypeInfo.STRING_TYPE_INFO).setParallelism(1).uid("taxonomy-file")
                : env.fromData(BasicTypeInfo.STRING_TYPE_INFO, startup.yaml()).name("taxonomy fixed at start-up").uid("taxonomy-fixed");
        String origin = file == null ? settings.taxonomy() : file.toAbsolutePath().toString();
        return versions.process(new CheckTaxonomy(origin), BasicTypeInfo.STRING_TYPE_INFO)
                .setParallelism(1).name("check taxonomy").uid("check-taxonomy");
    }
}
