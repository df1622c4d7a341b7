package dev.earshot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TopicMatch;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BestTopicTest {

    private static final Taxonomy TAXONOMY = Taxonomy.parse("""
            topics:
              - id: cancelled
                name: Cancelled
                phrases: [cancel]
              - id: luggage
                name: Luggage
                phrases: [bag]
              - id: lost_luggage
                name: Lost luggage
                parent: luggage
                phrases: [lost bag]
              - id: service
                name: Service
                phrases: [help]
            """);

    private static TopicMatch once(String topic) {
        return new TopicMatch(topic, 1, 1);
    }

    @Test
    void aMatchedDescendantBeatsItsAncestorWhereverTheAncestorIsListed() {
        assertThat(BestTopic.of(List.of(new TopicMatch("luggage", 3, 4), once("lost_luggage")), TAXONOMY))
                .contains("lost_luggage");
        assertThat(BestTopic.of(List.of(once("luggage"), once("lost_luggage"), once("service")), TAXONOMY))
                .contains("lost_luggage");
    }

    @Test
    void theMostMentionedTopicWins() {
        assertThat(BestTopic.of(List.of(once("cancelled"), new TopicMatch("service", 3, 3)), TAXONOMY))
                .contains("service");
        assertThat(BestTopic.of(List.of(new TopicMatch("cancelled", 2, 2), once("service")), TAXONOMY))
                .contains("cancelled");
    }

    @Test
    void mentionsCountNotTheWordsTheyCover() {
        assertThat(BestTopic.of(List.of(new TopicMatch("cancelled", 1, 3), new TopicMatch("service", 2, 2)), TAXONOMY))
                .contains("service");
    }

    @Test
    void onATieTheFirstInTaxonomyOrderWinsWhateverTheMatchOrder() {
        assertThat(BestTopic.of(List.of(once("service"), once("cancelled")), TAXONOMY)).contains("cancelled");
        assertThat(BestTopic.of(List.of(once("service"), once("luggage")), TAXONOMY)).contains("luggage");
    }

    @Test
    void noMatchIsNoTopicAndAnUnknownIdIsAnError() {
        assertThat(BestTopic.of(List.of(), TAXONOMY)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> BestTopic.of(List.of(once("parking")), TAXONOMY))
                .hasMessageContaining("topic 'parking' is not in the taxonomy");
    }
}
