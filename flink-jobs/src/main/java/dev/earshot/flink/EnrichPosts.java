package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The enrich step ({@link PostEnrichment}) of a job whose taxonomy can change while it runs. The broadcast input
 * brings taxonomy versions, already validated ({@link TaxonomyVersions}); each applies to the posts that follow it.
 * The latest is kept in broadcast state, so a job restored from a checkpoint goes on with the taxonomy it last used
 * rather than the one it started with.
 */
final class EnrichPosts extends BroadcastProcessFunction<PostEvent, String, EnrichedEvent> {

    static final MapStateDescriptor<String, String> TAXONOMY =
            new MapStateDescriptor<>("taxonomy", BasicTypeInfo.STRING_TYPE_INFO, BasicTypeInfo.STRING_TYPE_INFO);
    private static final String LATEST = "latest";

    private final PostEnrichment enrichment;

    EnrichPosts(EarshotConfig.Enrich settings, EnrichResources resources) {
        this.enrichment = new PostEnrichment(settings, resources);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        enrichment.open(getRuntimeContext());
    }

    @Override
    public void processElement(PostEvent event, ReadOnlyContext ctx, Collector<EnrichedEvent> out) throws Exception {
        // Broadcast state is not readable in open(): a version restored from a checkpoint is picked up here.
        String latest = ctx.getBroadcastState(TAXONOMY).get(LATEST);
        if (latest != null) {
            enrichment.use(latest);
        }
        enrichment.process(event, out, deadLetter -> ctx.output(PostEnrichment.FAILED, deadLetter));
    }

    @Override
    public void processBroadcastElement(String yaml, Context ctx, Collector<EnrichedEvent> out) throws Exception {
        ctx.getBroadcastState(TAXONOMY).put(LATEST, yaml);
        enrichment.use(yaml);
    }
}
