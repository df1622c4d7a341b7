package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.EarshotConfig;
import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.model.Author;
import dev.earshot.model.PostDeletion;
import dev.earshot.model.Post;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Taxonomy versions in the enrich step: each applies to the posts after it, and survives a restore, and none moves
 * event time; a job whose taxonomy cannot change enriches with the start-up one.
 */
class EnrichPostsTest {

    static final String PARKING = TaxonomyReloadITCase.PARKING;
    static final String PARKING_AND_ROADS = TaxonomyReloadITCase.PARKING_AND_ROADS;

    @Test
    void aVersionAppliesToThePostsAfterIt() throws Exception {
        try (BroadcastOperatorTestHarness<PostEvent, String, EnrichedEvent> harness = started(null)) {
            harness.processElement(PostEvent.posted(post("before")), 0);
            harness.processBroadcastElement(PARKING_AND_ROADS, 0);
            harness.processElement(PostEvent.posted(post("after")), 0);

            assertThat(harness.extractOutputValues()).extracting(event -> event.post().topics())
                    .containsExactly(List.of("parking"), List.of("parking", "roads"));
        }
    }

    @Test
    void editsAreEnrichedAsEditsAndDeletionsPassThroughInTheirPlace() throws Exception {
        try (BroadcastOperatorTestHarness<PostEvent, String, EnrichedEvent> harness = started(null)) {
            harness.processElement(PostEvent.posted(post("1")), 0);
            harness.processElement(PostEvent.edited(post("1")), 0);
            harness.processElement(PostEvent.deleted(PostDeletion.of("forum:1", null, null)), 0);

            assertThat(harness.extractOutputValues()).satisfiesExactly(
                    first -> assertThat(first.firstVersion()).isTrue(),
                    edit -> assertThat(edit.edit()).isTrue(),
                    deletion -> assertThat(deletion.change().deletion().postId()).isEqualTo("forum:1"));
        }
    }

    @Test
    void aRestoredJobGoesOnWithTheLatestVersionNotTheStartUpOne() throws Exception {
        OperatorSubtaskState checkpoint;
        try (BroadcastOperatorTestHarness<PostEvent, String, EnrichedEvent> harness = started(null)) {
            harness.processBroadcastElement(PARKING_AND_ROADS, 0);
            checkpoint = harness.snapshot(1, 1);
        }
        try (BroadcastOperatorTestHarness<PostEvent, String, EnrichedEvent> restored = started(checkpoint)) {
            restored.processElement(PostEvent.posted(post("after-restore")), 0);

            assertThat(restored.extractOutputValues()).extracting(event -> event.post().topics())
                    .containsExactly(List.of("parking", "roads"));
        }
    }

    /**
     * The taxonomy input carries no event time, not even its end, which the bundled taxonomy's task sends as it ends and
     * again after every restore: once the posts fall silent, the step is idle and holds its event time.
     */
    @Test
    void theTaxonomyInputNeverMovesEventTimeNotEvenToItsEnd() throws Exception {
        try (BroadcastOperatorTestHarness<PostEvent, String, EnrichedEvent> harness = started(null)) {
            harness.processWatermark(60_000);
            harness.processBroadcastWatermark(Watermark.MAX_WATERMARK);
            harness.getTwoInputOperator().processWatermarkStatus1(WatermarkStatus.IDLE);
            harness.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.ACTIVE);

            assertThat(harness.getOutput()).containsExactly(new Watermark(60_000), WatermarkStatus.IDLE);
        }
    }

    @Test
    void withAFixedTaxonomyPostsGetTheStartUpTopicsAndEditsAndDeletionsKeepTheirPlace() throws Exception {
        EnrichPostsFixedTaxonomy enrich = new EnrichPostsFixedTaxonomy(EarshotConfig.defaults().enrich(),
                new EnrichResources(Taxonomy.parse(PARKING_AND_ROADS), null));
        try (OneInputStreamOperatorTestHarness<PostEvent, EnrichedEvent> harness = ProcessFunctionTestHarnesses.forProcessFunction(enrich)) {
            harness.processElement(PostEvent.posted(post("1")), 0);
            harness.processElement(PostEvent.edited(post("1")), 0);
            harness.processElement(PostEvent.deleted(PostDeletion.of("forum:1", null, null)), 0);

            assertThat(harness.extractOutputValues()).satisfiesExactly(
                    first -> assertThat(first.post().topics()).containsExactly("parking", "roads"),
                    edit -> assertThat(edit.edit()).isTrue(),
                    deletion -> assertThat(deletion.change().deletion().postId()).isEqualTo("forum:1"));
        }
    }

    /** A job started with the parking-only taxonomy, restored from {@code checkpoint} if not null. */
    static BroadcastOperatorTestHarness<PostEvent, String, EnrichedEvent> started(OperatorSubtaskState checkpoint) throws Exception {
        EnrichPosts enrich = new EnrichPosts(EarshotConfig.defaults().enrich(), new EnrichResources(Taxonomy.parse(PARKING), null));
        BroadcastOperatorTestHarness<PostEvent, String, EnrichedEvent> harness = new BroadcastOperatorTestHarness<>(
                new BroadcastWithoutEventTime<>(enrich, EnrichPosts.TAXONOMY), 1, 1, 0);
        harness.setup();
        if (checkpoint != null) {
            harness.initializeState(checkpoint);
        }
        harness.open();
        return harness;
    }

    static Post post(String id) {
        return new Post("forum:" + id, "forum", Instant.parse("2026-03-02T08:00:00Z"),
                "Parking near MG Road in Bengaluru is full again and the pothole there is huge", "en",
                new Author("a-" + id, "a" + id, 0, null), null, null, null, null, null, null, null, null);
    }
}
