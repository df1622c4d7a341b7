package dev.earshot.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.json.Json;
import dev.earshot.model.Author;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Post;
import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarshotIndicesTest {

    @Test
    void postsGoToTheDailyIndexOfTheirUtcDayUnderTheirId() {
        assertThat(EarshotIndices.POSTS.index().apply(TestDocuments.post(0))).isEqualTo("earshot-posts-2026.03.04");
        assertThat(EarshotIndices.POSTS.index().apply(TestDocuments.post(20 * 60))).isEqualTo("earshot-posts-2026.03.05");
        assertThat(EarshotIndices.POSTS.id().apply(TestDocuments.post(7))).isEqualTo("bluesky:post7");
    }

    @Test
    void statsAreKeyedByCellAndWholeWindowInTheDailyIndexOfTheWindowsEnd() {
        assertThat(EarshotIndices.STATS.id().apply(TestDocuments.stats(0)))
                .isEqualTo("parking|geonames:1277333|2026-03-04T04:00:00Z|2026-03-04T06:00:00Z");
        assertThat(EarshotIndices.STATS.index().apply(TestDocuments.stats(38))).isEqualTo("earshot-stats-2026.03.05");
    }

    @Test
    void aDailyViewDocumentNeverOverwritesASlidingWindowOfTheSameSpan() {
        TopicLocationStats sliding = TestDocuments.stats(0);
        TopicLocationStats daily = new TopicLocationStats(sliding.topic(), sliding.locationId(), sliding.locationName(),
                sliding.country(), sliding.windowStart(), sliding.windowEnd(), sliding.posts(), sliding.negative(),
                sliding.neutral(), sliding.positive(), sliding.meanScore(), sliding.negativeShare(), sliding.uniqueAuthors(),
                sliding.samplePostIds(), sliding.level(), StatsView.DAILY, sliding.topTerms(), null, null);

        assertThat(EarshotIndices.STATS.id().apply(daily))
                .isEqualTo("parking|geonames:1277333|2026-03-04T04:00:00Z|2026-03-04T06:00:00Z|DAILY");
    }

    @Test
    void everyFieldTheModelWritesForAnEnrichedPostIsMappedInTheTemplate() throws IOException {
        Post post = new Post("bluesky:1", "bluesky", TestDocuments.START, "Towed again", "en",
                new Author("did:plc:a", "a", 12, "Bangalore"), new GeoPoint(12.97, 77.59), "Bengaluru", "bluesky:0",
                "bluesky:0", "CityCareDesk", "https://bsky.app/1", List.of("parking"), List.of("CityCareDesk"),
                TestDocuments.START.plusSeconds(60), List.of("en", "kn"));
        EnrichedPost enriched = TestDocuments.post(0);
        JsonNode document = Json.mapper().valueToTree(new EnrichedPost(post, enriched.sentiment(), enriched.topics(),
                enriched.location(), enriched.terms()));
        JsonNode mappings;
        try (InputStream body = IndexTemplates.open("earshot-posts")) {
            mappings = Json.mapper().readTree(body).path("template").path("mappings");
        }

        assertThat(document.path("post").size()).as("every component of Post is set here, so that a new one is checked")
                .isEqualTo(Post.class.getRecordComponents().length);
        assertThat(leaves(document, "")).allSatisfy(path -> assertThat(mapped(mappings, path)).as(path).isTrue());
    }

    @Test
    void everyFieldTheModelWritesForWindowStatsIsMappedInTheTemplate() throws IOException {
        TopicLocationStats window = TestDocuments.stats(0);
        JsonNode document = Json.mapper().valueToTree(new TopicLocationStats(window.topic(), window.locationId(),
                window.locationName(), window.country(), window.windowStart(), window.windowEnd(), window.posts(),
                window.negative(), window.neutral(), window.positive(), window.meanScore(), window.negativeShare(),
                window.uniqueAuthors(), window.samplePostIds(), window.level(), window.view(), window.topTerms(), 9L, 8L));
        JsonNode mappings;
        try (InputStream body = IndexTemplates.open("earshot-stats")) {
            mappings = Json.mapper().readTree(body).path("template").path("mappings");
        }

        assertThat(document.size()).as("every component is set here, so that a new one is checked")
                .isEqualTo(TopicLocationStats.class.getRecordComponents().length);
        assertThat(leaves(document, "")).allSatisfy(path -> assertThat(mapped(mappings, path)).as(path).isTrue());
    }

    private static List<String> leaves(JsonNode node, String path) {
        if (node.isArray() && node.path(0).isObject()) {
            return leaves(node.path(0), path);
        }
        if (!node.isObject() || node.has("lat")) {
            return List.of(path);
        }
        List<String> paths = new ArrayList<>();
        node.fields().forEachRemaining(field -> paths.addAll(leaves(field.getValue(),
                path.isEmpty() ? field.getKey() : path + "." + field.getKey())));
        return paths;
    }

    private static boolean mapped(JsonNode mappings, String path) {
        JsonNode node = mappings;
        for (String name : path.split("\\.")) {
            node = node.path("properties").path(name);
        }
        return node.has("type");
    }

    @Test
    void everyTemplateIsBundledFromTheDashboards() throws IOException {
        for (String template : EarshotIndices.TEMPLATES) {
            try (InputStream body = IndexTemplates.open(template)) {
                assertThat(new String(body.readAllBytes())).contains("\"index_patterns\"");
            }
        }
    }
}
