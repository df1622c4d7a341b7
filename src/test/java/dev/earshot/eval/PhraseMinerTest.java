package dev.earshot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TopicMatcher;
import dev.earshot.eval.PhraseMiner.LabelledPost;
import dev.earshot.eval.PhraseMiner.Report;
import dev.earshot.eval.PhraseMiner.Suggestion;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fifteen hand-written posts: the taxonomy knows "late", "delay" and "lost bag", but the posts also speak of the
 * tarmac (only delays) and of suitcases (only baggage); "flight" is in both labels alike.
 */
class PhraseMinerTest {

    private static final CoreNlpTextAnalyzer ANALYZER = CoreNlpTextAnalyzer.shared();
    private static final Taxonomy TAXONOMY = Taxonomy.parse("""
            topics:
              - id: delays
                name: Delays
                phrases: [late, delay]
              - id: baggage
                name: Baggage
                phrases: [lost bag]
            """);

    private static List<LabelledPost> posts;

    @BeforeAll
    static void readFixture() throws IOException {
        try (Reader in = new InputStreamReader(PhraseMinerTest.class.getResourceAsStream("/topics/labelled-posts.csv"),
                StandardCharsets.UTF_8)) {
            posts = LabelledCsv.readColumns(in, List.of("text", "label")).stream()
                    .map(row -> new LabelledPost(ANALYZER.analyze(row.get("text")), row.get("label")))
                    .toList();
        }
    }

    private static Report mine() {
        return PhraseMiner.mine(posts, TopicMatcher.compile(TAXONOMY, ANALYZER), ANALYZER,
                new PhraseMiner.Params(3, 3, 0.6, 10));
    }

    @Test
    void suggestsTheTellingWordsEachLabelHasThatItsTopicMisses() {
        Report report = mine();

        assertThat(report.labelByTopic()).isEqualTo(Map.of("delays", "Delay", "baggage", "Baggage"));
        assertThat(report.unmatched()).as("posts 3-6, 9-13 and 15 match no topic").isEqualTo(10 / 15.0);
        assertThat(report.suggestions()).extracting(Suggestion::label, Suggestion::topic, Suggestion::text,
                        Suggestion::support, Suggestion::posts, Suggestion::fixes, Suggestion::breaks)
                .as("the label with more posts first; \"flight\" is as much baggage as delay, \"late\" is known,"
                        + " \"my suitcase\" starts with a stop word")
                .containsExactly(
                        tuple("Baggage", "baggage", "suitcase", 6, 6, 6, 0),
                        tuple("Delay", "delays", "tarmac", 4, 4, 4, 0));
        assertThat(report.suggestions()).allSatisfy(suggestion -> {
            assertThat(suggestion.precision()).isEqualTo(1.0);
            assertThat(suggestion.macroF1Gain()).isPositive();
            assertThat(suggestion.matchesNow()).isEmpty();
        });
    }

    @Test
    void acceptedSuggestionsMakeTheTaxonomyMatchThemAndRaiseItsMacroF1() {
        Report report = mine();
        Taxonomy extended = PhraseMiner.accept(TAXONOMY, report.suggestions());
        TopicMatcher before = TopicMatcher.compile(TAXONOMY, ANALYZER);
        TopicMatcher after = TopicMatcher.compile(extended, ANALYZER);

        assertThat(extended.topic("baggage").orElseThrow().phrases()).containsExactly("lost bag", "suitcase");
        assertThat(after.match(ANALYZER.analyze("Two suitcases went missing"))).containsExactly("baggage");
        assertThat(after.match(ANALYZER.analyze("An hour on the tarmac"))).containsExactly("delays");
        assertThat(PhraseMiner.macroF1(posts, after, report.labelByTopic()))
                .isGreaterThan(PhraseMiner.macroF1(posts, before, report.labelByTopic()));
    }

    @Test
    void aStricterPrecisionOrSupportDropsWhatFallsShort() {
        Report report = PhraseMiner.mine(posts, TopicMatcher.compile(TAXONOMY, ANALYZER), ANALYZER,
                new PhraseMiner.Params(3, 5, 0.6, 10));

        assertThat(report.suggestions()).extracting(Suggestion::text).as("tarmac has 4 posts").containsExactly("suitcase");
    }

    @Test
    void candidatesAreLemmaNgramsAndHashtagsWithoutMentionsLinksOrStopWordEdges() {
        var candidates = PhraseMiner.candidates(
                ANALYZER.analyze("@united my suitcases are lost at https://t.co/x #LostBag"), 2);

        assertThat(candidates).contains("suitcase", "lose", "#lostbag")
                .doesNotContain("@united", "my suitcase", "my", "https://t.co/x", "suitcase be");
    }

    @Test
    void paramsNameTheParameterThatIsOutOfRange() {
        assertThatThrownBy(() -> new PhraseMiner.Params(3, 0, 0.6, 10)).hasMessageContaining("minSupport");
        assertThatThrownBy(() -> new PhraseMiner.Params(3, 5, 1.5, 10)).hasMessageContaining("minPrecision");
        assertThat(PhraseMiner.Params.defaults()).isEqualTo(new PhraseMiner.Params(3, 5, 0.6, 15));
    }
}
