package dev.earshot.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import java.io.IOException;
import java.io.InputStream;
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
    void everyTemplateIsBundledFromTheDashboards() throws IOException {
        for (String template : EarshotIndices.TEMPLATES) {
            try (InputStream body = IndexTemplates.open(template)) {
                assertThat(new String(body.readAllBytes())).contains("\"index_patterns\"");
            }
        }
    }
}
