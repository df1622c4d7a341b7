package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Author;
import dev.earshot.model.Post;
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

    @Test
    void eachPostIdPassesOnce() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Post, Post> harness = ProcessFunctionTestHarnesses
                .forKeyedProcessFunction(new DeduplicatePosts(Duration.ofHours(24)), Post::id, BasicTypeInfo.STRING_TYPE_INFO);

        harness.processElement(post("bluesky:1"), 1);
        harness.processElement(post("bluesky:2"), 2);
        harness.processElement(post("bluesky:1"), 3);

        assertThat(harness.extractOutputValues()).extracting(Post::id).containsExactly("bluesky:1", "bluesky:2");
    }
}
