package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.dedup.PostLedger;
import dev.earshot.model.Author;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DeduplicatePostsTest {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    static Post post(String id) {
        return version(id, "text of " + id, null);
    }

    static Post version(String id, String text, Instant editedAt) {
        return new Post(id, id.substring(0, id.indexOf(':')), T0, text, "en", new Author("a", "a", 0, null), null, null, null, null, null,
                null, null, null, editedAt);
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

    @Test
    void aPostWhoseEditOvertookItIsPassedOnThenThatEditAgain() throws Exception {
        var harness = harness();
        Post edited = version("mastodon:1", "towed again, third time", T0.plusSeconds(600));

        harness.processElement(PostEvent.edited(edited), 1);
        harness.processElement(PostEvent.posted(post("mastodon:1")), 2);
        harness.processElement(PostEvent.posted(post("mastodon:1")), 3);

        assertThat(harness.extractOutputValues()).as("the edit at once, as the edit of a post forgotten; after the post, again")
                .containsExactly(PostEvent.edited(edited), PostEvent.posted(post("mastodon:1")), PostEvent.reapplied(edited));
    }

    @Test
    void aRepostBringingANewerVersionIsPassedOnAsAnEditAndAStaleEditIsDropped() throws Exception {
        var harness = harness();
        Post edited = version("mastodon:1", "towed again, third time", T0.plusSeconds(600));
        Post editedEarlier = version("mastodon:1", "towed again", T0.plusSeconds(300));

        harness.processElement(PostEvent.posted(post("mastodon:1")), 1);
        harness.processElement(PostEvent.posted(edited), 2);
        harness.processElement(PostEvent.posted(edited), 3);
        harness.processElement(PostEvent.edited(editedEarlier), 4);
        harness.processElement(PostEvent.edited(edited), 5);

        assertThat(harness.extractOutputValues()).as("the boost of the edited status, as an edit; nothing after it")
                .containsExactly(PostEvent.posted(post("mastodon:1")), PostEvent.edited(edited));
    }

    /**
     * The run summary's posts line adds up: each post is a duplicate (a repost bringing a newer version too), withheld
     * as deleted, or passed on; a stale edit and an edit of a deleted post are edits, counted with the edits.
     */
    @Test
    void postsAndEditsAreCountedApartSoThatEachPostIsInOneBucket() throws Exception {
        var harness = harness();
        Post edited = version("mastodon:1", "towed again, third time", T0.plusSeconds(600));

        harness.processElement(PostEvent.posted(post("mastodon:1")), 1);
        harness.processElement(PostEvent.posted(post("mastodon:1")), 2);
        harness.processElement(PostEvent.posted(edited), 3);
        harness.processElement(PostEvent.edited(version("mastodon:1", "towed again", T0.plusSeconds(300))), 4);
        harness.processElement(PostEvent.deleted(PostDeletion.of("mastodon:2", "a", null)), 5);
        harness.processElement(PostEvent.posted(post("mastodon:2")), 6);
        harness.processElement(PostEvent.edited(version("mastodon:2", "towed", T0.plusSeconds(60))), 7);

        assertThat(counts(harness)).as("4 posts: 1 passed, 2 duplicates (one bringing a newer version), 1 withheld")
                .containsEntry(Counters.DUPLICATES, 2L).containsEntry(Counters.DELETED_POSTS_WITHHELD, 1L)
                .containsEntry(Counters.STALE_EDITS, 1L).containsEntry(Counters.DELETED_EDITS_WITHHELD, 1L);
    }

    static Map<String, Long> counts(KeyedOneInputStreamOperatorTestHarness<String, PostEvent, PostEvent> harness) {
        Map<String, Long> counts = new TreeMap<>();
        harness.getEnvironment().getAccumulatorRegistry().getUserMap()
                .forEach((name, accumulator) -> counts.put(name, (Long) accumulator.getLocalValue()));
        return counts;
    }

    @Test
    void anEntryInTheShapeItHadBeforeVersionsWereKeptIsReadAndANewOneWithoutAVersionKeepsThatShape() throws Exception {
        TypeSerializer<PostLedger.Entry> serializer = JsonTypeInfo.of(PostLedger.Entry.class).createSerializer(new SerializerConfigImpl());
        byte[] oldShape = "{\"createdAt\":\"2026-03-02T08:00:00Z\",\"deleted\":false}".getBytes(StandardCharsets.UTF_8);
        DataOutputSerializer stored = new DataOutputSerializer(64);
        stored.writeInt(oldShape.length);
        stored.write(oldShape);

        PostLedger.Entry restored = serializer.deserialize(new DataInputDeserializer(stored.getCopyOfBuffer()));
        DataOutputSerializer written = new DataOutputSerializer(64);
        serializer.serialize(new PostLedger.Entry(T0, false), written);

        assertThat(restored).isEqualTo(new PostLedger.Entry(T0, false, null));
        assertThat(written.getCopyOfBuffer()).isEqualTo(stored.getCopyOfBuffer());
        assertThat(PostLedger.onPost(restored, version("mastodon:1", "towed again", T0.plusSeconds(300))).verdict())
                .as("any edited version is newer than one not remembered").isEqualTo(PostLedger.Verdict.EDIT);
        assertThat(PostLedger.onPost(restored, post("mastodon:1")).verdict())
                .as("an entry of before edits were kept had its first version passed").isEqualTo(PostLedger.Verdict.DUPLICATE);
    }

    @Test
    void anEntryKeepingAnEditThatOvertookItsPostIsStoredWholeAndReadBack() throws Exception {
        TypeSerializer<PostLedger.Entry> serializer = JsonTypeInfo.of(PostLedger.Entry.class).createSerializer(new SerializerConfigImpl());
        PostLedger.Entry awaiting = PostLedger.onEdit(null, version("mastodon:1", "towed again", T0.plusSeconds(300))).next();
        DataOutputSerializer written = new DataOutputSerializer(256);
        serializer.serialize(awaiting, written);

        assertThat(serializer.deserialize(new DataInputDeserializer(written.getCopyOfBuffer()))).isEqualTo(awaiting);
    }
}
