package dev.earshot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.enrich.topics.Taxonomy;
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

    @Test
    void aMatchedDescendantBeatsItsAncestorWhereverTheAncestorIsListed() {
        assertThat(BestTopic.of(List.of("luggage", "lost_luggage"), TAXONOMY)).contains("lost_luggage");
        assertThat(BestTopic.of(List.of("luggage", "lost_luggage", "service"), TAXONOMY)).contains("lost_luggage");
    }

    @Test
    void amongUnrelatedTopicsTheFirstInTaxonomyOrderWinsWhateverTheMatchOrder() {
        assertThat(BestTopic.of(List.of("service", "cancelled"), TAXONOMY)).contains("cancelled");
        assertThat(BestTopic.of(List.of("service", "luggage"), TAXONOMY)).contains("luggage");
    }

    @Test
    void noMatchIsNoTopicAndAnUnknownIdIsAnError() {
        assertThat(BestTopic.of(List.of(), TAXONOMY)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> BestTopic.of(List.of("parking"), TAXONOMY))
                .hasMessageContaining("topic 'parking' is not in the taxonomy");
    }
}
