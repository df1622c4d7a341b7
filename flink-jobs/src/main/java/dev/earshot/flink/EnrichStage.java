package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.model.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The enrich step in the job graph. A job whose input never ends can see its taxonomy file edited: there it is
 * {@link EnrichPosts}, with the taxonomy versions as a broadcast input ({@link TaxonomyVersions}) whose watermarks do
 * not count ({@link BroadcastWithoutEventTime}), the graph, uids and state of earlier releases, so that their
 * savepoints restore. A run over an input that ends keeps its start-up taxonomy: there it is
 * {@link EnrichPostsFixedTaxonomy}, with the posts as its only input. Both are the operator {@code enrich}.
 *
 * @param deadLetters the posts enrichment failed on, and the rejected versions of the taxonomy file
 */
record EnrichStage(SingleOutputStreamOperator<EnrichedEvent> events, DataStream<DeadLetter> deadLetters) {

    /**
     * @param posts the posts, edits and deletions to enrich
     * @param endless whether the job's input never ends: only then can the taxonomy file change while it runs
     */
    static EnrichStage of(DataStream<PostEvent> posts, boolean endless, EarshotConfig.Enrich settings,
                          EnrichResources resources) {
        if (!endless) {
            SingleOutputStreamOperator<EnrichedEvent> events = posts
                    .process(new EnrichPostsFixedTaxonomy(settings, resources), EnrichedEvent.TYPE).name("enrich").uid("enrich");
            return new EnrichStage(events, events.getSideOutput(PostEnrichment.FAILED));
        }
        SingleOutputStreamOperator<String> versions =
                TaxonomyVersions.of(posts.getExecutionEnvironment(), settings, resources.taxonomy());
        SingleOutputStreamOperator<EnrichedEvent> events = posts
                .connect(versions.broadcast())
                .transform("enrich", EnrichedEvent.TYPE,
                        new BroadcastWithoutEventTime<>(new EnrichPosts(settings, resources), EnrichPosts.TAXONOMY))
                .uid("enrich");
        return new EnrichStage(events,
                events.getSideOutput(PostEnrichment.FAILED).union(versions.getSideOutput(CheckTaxonomy.REJECTED)));
    }
}
