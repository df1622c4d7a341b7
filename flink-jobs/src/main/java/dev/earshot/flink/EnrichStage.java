package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.model.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The enrich step in the job graph. Where the taxonomy can change while the job runs ({@link TaxonomyVersions}), it
 * is {@link EnrichPosts}, with the checked versions of the file as a broadcast input; elsewhere it is
 * {@link EnrichPostsFixedTaxonomy}, with the posts as its only input. Both are the operator {@code enrich}: the
 * graph, uids and state of a job that watches its taxonomy file are those of earlier releases, so its savepoints
 * restore.
 *
 * @param deadLetters the posts enrichment failed on, and the rejected versions of the taxonomy file
 */
record EnrichStage(SingleOutputStreamOperator<EnrichedEvent> events, DataStream<DeadLetter> deadLetters) {

    /**
     * @param posts the posts, edits and deletions to enrich
     * @param input the job's records, whose sources tell whether it ever ends
     */
    static EnrichStage of(DataStream<PostEvent> posts, DataStream<?> input, EarshotConfig.Enrich settings,
                          EnrichResources resources) {
        if (!TaxonomyVersions.canChange(input, settings)) {
            SingleOutputStreamOperator<EnrichedEvent> events = posts
                    .process(new EnrichPostsFixedTaxonomy(settings, resources), EnrichedEvent.TYPE).name("enrich").uid("enrich");
            return new EnrichStage(events, events.getSideOutput(PostEnrichment.FAILED));
        }
        SingleOutputStreamOperator<String> versions = TaxonomyVersions.watched(posts.getExecutionEnvironment(), settings);
        SingleOutputStreamOperator<EnrichedEvent> events = posts
                .connect(versions.broadcast(EnrichPosts.TAXONOMY))
                .process(new EnrichPosts(settings, resources), EnrichedEvent.TYPE).name("enrich").uid("enrich");
        return new EnrichStage(events,
                events.getSideOutput(PostEnrichment.FAILED).union(versions.getSideOutput(CheckTaxonomy.REJECTED)));
    }
}
