package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The enrich step ({@link PostEnrichment}) of a run over an input that ends, which keeps its start-up taxonomy. It has
 * the posts as its only input, so that its event time is theirs alone: a second input, even one that ends at once,
 * holds event time at its start until that input has ended, and a small file read in one burst could pass before,
 * leaving nothing late.
 */
final class EnrichPostsFixedTaxonomy extends ProcessFunction<PostEvent, EnrichedEvent> {

    private final PostEnrichment enrichment;

    EnrichPostsFixedTaxonomy(EarshotConfig.Enrich settings, EnrichResources resources) {
        this.enrichment = new PostEnrichment(settings, resources);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        enrichment.open(getRuntimeContext());
    }

    @Override
    public void processElement(PostEvent event, Context ctx, Collector<EnrichedEvent> out) {
        enrichment.process(event, out, deadLetter -> ctx.output(PostEnrichment.FAILED, deadLetter));
    }
}
