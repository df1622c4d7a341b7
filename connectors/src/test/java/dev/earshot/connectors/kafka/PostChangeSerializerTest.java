package dev.earshot.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.elasticsearch.TestDocuments;
import dev.earshot.json.Json;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.PostChange;
import dev.earshot.model.PostDeletion;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class PostChangeSerializerTest {

    @Test
    void aVersionIsThePostsJsonAndADeletionATombstoneUnderTheSameKey() {
        EnrichedPost post = TestDocuments.post(3);
        PostChangeSerializer serializer = new PostChangeSerializer("earshot.enriched-posts");

        ProducerRecord<byte[], byte[]> version = serializer.serialize(PostChange.version(post), null, null);
        ProducerRecord<byte[], byte[]> tombstone = serializer.serialize(
                PostChange.deleted(PostDeletion.of(post.post().id(), null, null)), null, null);

        assertThat(new String(version.key(), StandardCharsets.UTF_8)).isEqualTo("bluesky:post3");
        assertThat(Json.read(new String(version.value(), StandardCharsets.UTF_8), EnrichedPost.class)).isEqualTo(post);
        assertThat(tombstone.key()).isEqualTo(version.key());
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.topic()).isEqualTo("earshot.enriched-posts");
    }
}
