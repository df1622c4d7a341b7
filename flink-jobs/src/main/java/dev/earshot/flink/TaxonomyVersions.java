package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.file.FileContentSource;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.WithBoundedness;

/**
 * The valid taxonomy versions the enrich step switches to while the job runs (rejected ones are the
 * {@link CheckTaxonomy#REJECTED} side output).
 *
 * <p>The file is watched only where an edit can matter: a taxonomy file (a bundled one cannot change) and an input
 * that never ends (Kafka). A bounded run replays a fixed stream in seconds under the start-up taxonomy, so its
 * result does not depend on when someone saved a file, and no watcher keeps it from finishing. Where the taxonomy
 * cannot change, the job has no taxonomy input at all ({@link EnrichStage}).
 */
final class TaxonomyVersions {

    private TaxonomyVersions() {
    }

    /** Whether the taxonomy can change while the job runs: a taxonomy file, read by a job whose input never ends. */
    static boolean canChange(DataStream<?> input, EarshotConfig.Enrich settings) {
        return settings.taxonomyFile() != null && neverEnds(input);
    }

    /** The taxonomy file's valid versions, for a job where it {@link #canChange}. */
    static SingleOutputStreamOperator<String> watched(StreamExecutionEnvironment env, EarshotConfig.Enrich settings) {
        Path file = settings.taxonomyFile();
        return env.fromSource(new FileContentSource(file, settings.taxonomyPollInterval()), noEventTime(),
                        "taxonomy file", BasicTypeInfo.STRING_TYPE_INFO).setParallelism(1).uid("taxonomy-file")
                .process(new CheckTaxonomy(file.toAbsolutePath().toString()), BasicTypeInfo.STRING_TYPE_INFO)
                .setParallelism(1).name("check taxonomy").uid("check-taxonomy");
    }

    /** Whether any source of {@code stream} is unbounded: as Flink itself decides whether a job is bounded. */
    static boolean neverEnds(DataStream<?> stream) {
        return stream.getTransformation().getTransitivePredecessors().stream()
                .anyMatch(t -> t instanceof WithBoundedness source && source.getBoundedness() == Boundedness.CONTINUOUS_UNBOUNDED);
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
