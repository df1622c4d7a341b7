package dev.earshot.connectors.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Author;
import dev.earshot.model.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class JsonSerializerTest {

    static final Post POST = new Post("mastodon:1", "mastodon", Instant.parse("2026-03-02T08:00:00Z"), "hello",
            "en", new Author("a1", "ann", 3, null), null, null, null, null, null, null, List.of("x"), List.of());

    /** A mutable state-like class: copies must not share it. */
    public static final class Counts {
        public List<String> ids = new ArrayList<>();
    }

    @Test
    void recordsSurviveSerializationAndAreSharedAsImmutable() throws Exception {
        TypeSerializer<Post> serializer = JsonTypeInfo.of(Post.class).createSerializer(new SerializerConfigImpl());

        assertThat(roundTrip(serializer, POST)).isEqualTo(POST);
        assertThat(serializer.isImmutableType()).isTrue();
        assertThat(serializer.copy(POST)).isSameAs(POST);
    }

    @Test
    void mutableValuesAreCopiedDeeply() {
        TypeSerializer<Counts> serializer = JsonTypeInfo.of(Counts.class).createSerializer(new SerializerConfigImpl());
        Counts original = new Counts();
        original.ids.add("a");

        Counts copy = serializer.copy(original);
        original.ids.add("b");

        assertThat(serializer.isImmutableType()).isFalse();
        assertThat(copy.ids).containsExactly("a");
    }

    @Test
    void aSnapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializer<Post> serializer = JsonTypeInfo.of(Post.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.snapshotConfiguration().writeSnapshot(out);

        JsonSerializer.Snapshot<Post> restored = new JsonSerializer.Snapshot<>();
        restored.readSnapshot(1, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        TypeSerializerSnapshot<Post> current = serializer.snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
    }

    @Test
    void copyingSerializedBytesKeepsTheValue() throws Exception {
        TypeSerializer<Post> serializer = JsonTypeInfo.of(Post.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer first = new DataOutputSerializer(64);
        serializer.serialize(POST, first);
        DataOutputSerializer second = new DataOutputSerializer(64);

        serializer.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);

        assertThat(serializer.deserialize(new DataInputDeserializer(second.getCopyOfBuffer()))).isEqualTo(POST);
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
