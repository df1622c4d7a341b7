package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Author;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DeduplicatePostsTest {

    static Post post(String id) {
        return new Post(id, "bluesky", Instant.parse("2026-03-02T08:00:00Z"), "text of " + id, "en",
                new Author("a", "a", 0, null), null, null, null, null, null, null, null, null);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, PostEvent, PostEvent> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new DeduplicatePosts(Duration.ofHours(24)),
                PostEvent::postId, BasicTypeInfo.STRING_TYPE_INFO);
    }

    @Test
    void eachPostIdPassesOnce() throws Exception {
        var harness = harness();

        harness.processElement(PostEvent.posted(post("bluesky:1")), 1);
        harness.processElement(PostEvent.posted(post("bluesky:2")), 2);
        harness.processElement(PostEvent.posted(post("bluesky:1")), 3);

        assertThat(harness.extractOutputValues()).extracting(PostEvent::postId).containsExactly("bluesky:1", "bluesky:2");
    }

    @Test
    void editsPassADeletionPassesOnceWithThePostsTimeAndADeletionBeforeItsPostWithholdsIt() throws Exception {
        var harness = harness();

        harness.processElement(PostEvent.posted(post("bluesky:1")), 1);
        harness.processElement(PostEvent.edited(post("bluesky:1")), 2);
        harness.processElement(PostEvent.deleted(PostDeletion.of("bluesky:1", "a", null)), Long.MIN_VALUE);
        harness.processElement(PostEvent.deleted(PostDeletion.of("bluesky:1", "a", null)), Long.MIN_VALUE);
        harness.processElement(PostEvent.posted(post("bluesky:1")), 3);
        harness.processElement(PostEvent.deleted(PostDeletion.of("bluesky:2", "a", null)), Long.MIN_VALUE);
        harness.processElement(PostEvent.posted(post("bluesky:2")), 4);

        assertThat(harness.extractOutputValues()).containsExactly(
                PostEvent.posted(post("bluesky:1")),
                PostEvent.edited(post("bluesky:1")),
                PostEvent.deleted(PostDeletion.of("bluesky:1", "a", null).ofPostAt(Instant.parse("2026-03-02T08:00:00Z"))),
                PostEvent.deleted(PostDeletion.of("bluesky:2", "a", null)));
    }
}
