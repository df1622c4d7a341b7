package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.file.FileContentSource;
import dev.earshot.enrich.topics.Taxonomy;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
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
                ? env.fromSource(new FileContentSource(file, settings.taxonomyPollInterval()), noEventTime(),
                        "taxonomy file", BasicTypeInfo.STRING_TYPE_INFO).setParallelism(1).uid("taxonomy-file")
                : env.fromData(BasicTypeInfo.STRING_TYPE_INFO, startup.yaml()).name("taxonomy fixed at start-up").uid("taxonomy-fixed");
        String origin = file == null ? settings.taxonomy() : file.toAbsolutePath().toString();
        return versions.process(new CheckTaxonomy(origin), BasicTypeInfo.STRING_TYPE_INFO)
                .setParallelism(1).name("check taxonomy").uid("check-taxonomy");
    }

    /**
     * A taxonomy version has no event time: it applies to the posts processed after it arrives. The watcher
     * therefore declares the end of event time at once. The enrich step's event time is the smaller of its two
     * inputs' watermarks, so a stream without watermarks would hold every window back forever; with this one
     * the posts alone decide it.
     */
    static WatermarkStrategy<String> noEventTime() {
        return WatermarkStrategy.forGenerator(context -> new EndOfEventTime());
    }

    private static final class EndOfEventTime implements WatermarkGenerator<String> {

        @Override
        public void onEvent(String version, long timestamp, WatermarkOutput output) {
            output.emitWatermark(Watermark.MAX_WATERMARK);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(Watermark.MAX_WATERMARK);
        }
    }
}
