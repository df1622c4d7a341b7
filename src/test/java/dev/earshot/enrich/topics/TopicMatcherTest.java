package dev.earshot.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Author;
import dev.earshot.model.Post;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicMatcherTest {

    private static final TopicMatcher MATCHER = TopicMatcher.compile(Taxonomy.parse("""
            topics:
              - id: transport
                name: Transport
                phrases: [commute]
              - id: parking
                name: Parking
                parent: transport
                phrases: [park, parking, car park]
                lemmas: [tow]
                exclude: [national park, theme park]
              - id: traffic
                name: Traffic
                parent: transport
                phrases: [traffic jam, gridlock]
              - id: power
                name: Electricity
                phrases: [power cut, electricity]
              - id: water
                name: Water supply
                phrases: [water supply]
              - id: safety
                name: Safety
                hashtags: ["#StaySafe"]
                phrases: [stolen]
            """));

    private static List<String> topicsOf(String text) {
        return MATCHER.match(analyze(text));
    }

    private static AnalyzedText analyze(String text) {
        return CoreNlpTextAnalyzer.shared().analyze(text);
    }

    @Test
    void inflectionsAndHashtagsAgreeWithThePhraseLemma() {
        assertThat(topicsOf("I parked outside the gate")).contains("parking");
        assertThat(topicsOf("Parking is impossible here")).contains("parking");
        assertThat(topicsOf("She parks wherever she likes")).contains("parking");
        assertThat(topicsOf("#parking")).contains("parking");
        assertThat(topicsOf("#Parked")).contains("parking");
        assertThat(topicsOf("My scooter got towed")).contains("parking");
        assertThat(topicsOf("My bike was stolen")).contains("safety");
    }

    @Test
    void aParticipleTaggedAsAnAdjectiveAlsoMatchesItsVerb() {
        TopicMatcher matcher = TopicMatcher.compile(Taxonomy.parse("""
                topics:
                  - {id: calls, name: Calls, phrases: [disconnect]}
                """));

        assertThat(matcher.match(analyze("And just got disconnected."))).containsExactly("calls");
        assertThat(matcher.match(analyze("The line is disconnecting again"))).containsExactly("calls");
        assertThat(matcher.match(analyze("A disconnection notice arrived"))).isEmpty();
    }

    @Test
    void multiWordPhrasesNeedConsecutiveWords() {
        assertThat(topicsOf("Third power cut today")).containsExactly("power");
        assertThat(topicsOf("Power cuts every evening")).containsExactly("power");
        assertThat(topicsOf("Stuck in a traffic jam again")).containsExactly("transport", "traffic");
        assertThat(topicsOf("The power of music will cut through")).isEmpty();
        assertThat(topicsOf("Traffic. Jam sessions at the club tonight")).isEmpty();
    }

    @Test
    void camelCaseHashtagsMatchPhrases() {
        assertThat(topicsOf("Nothing again #WaterSupply")).containsExactly("water");
        assertThat(topicsOf("Nothing again #water_supply")).containsExactly("water");
        assertThat(topicsOf("Three hours now #PowerCuts")).containsExactly("power");
        assertThat(topicsOf("No #CarPark anywhere")).containsExactly("transport", "parking");
    }

    @Test
    void phrasesWrittenWithoutSpacesMatchAsHashtags() {
        assertThat(topicsOf("Nothing again #watersupply")).containsExactly("water");
        assertThat(topicsOf("Third today #POWERCUT")).containsExactly("power");
    }

    @Test
    void hashtagsMatchWholeAndCaseInsensitively() {
        assertThat(topicsOf("Be careful out there #staysafe")).containsExactly("safety");
        assertThat(topicsOf("Be careful out there #StaySafe")).containsExactly("safety");
        assertThat(topicsOf("Be careful out there #StaySafeToday")).isEmpty();
    }

    @Test
    void postHashtagsMissingFromTheTextCount() {
        Post post = new Post("bluesky:1", "bluesky", Instant.parse("2026-03-04T05:00:00Z"), "Not again!", "en",
                new Author("a1", "citizen", 10, null), null, null, null, null, null, null,
                List.of("PowerCut", "Bengaluru"), List.of());

        assertThat(MATCHER.match(analyze(post.text()))).isEmpty();
        assertThat(MATCHER.match(analyze(post.text()), post)).containsExactly("power");
    }

    @Test
    void childTopicsAlsoMatchTheirParent() {
        assertThat(topicsOf("Total gridlock near the station")).containsExactly("transport", "traffic");
        assertThat(topicsOf("My commute takes forever")).containsExactly("transport");
    }

    @Test
    void exclusionsCancelOnlyTheMatchesTheyOverlap() {
        assertThat(topicsOf("A lovely day at the national park")).isEmpty();
        assertThat(topicsOf("The theme parks were packed")).isEmpty();
        assertThat(topicsOf("#NationalPark views")).isEmpty();
        assertThat(topicsOf("We parked the car and walked to the national park"))
                .containsExactly("transport", "parking");
        assertThat(topicsOf("Near the national park. No parking anywhere")).containsExactly("transport", "parking");
    }

    @Test
    void manyTopicsPerPostInTaxonomyOrder() {
        assertThat(topicsOf("Power cut, no water supply, my bike stolen and I could not park anywhere"))
                .containsExactly("transport", "parking", "power", "water", "safety");
    }

    @Test
    void matchesCountMentionsAndTheWordsTheyCover() {
        assertThat(MATCHER.matches(analyze("Parked near the car park. Parking fines everywhere, then towed.")))
                .containsExactly(new TopicMatch("transport", 4, 5), new TopicMatch("parking", 4, 5));
        assertThat(MATCHER.matches(analyze("Third power cut today, and the electricity is off again")))
                .containsExactly(new TopicMatch("power", 2, 3));
        assertThat(MATCHER.matches(analyze("Nothing to report"))).isEmpty();
    }

    @Test
    void overlappingPhrasesAndBothFormsOfOneWordAreOneMention() {
        // "car park" contains "park"; "parked" finds both the word and the lemma of "park"
        assertThat(MATCHER.matches(analyze("The car park was full so I parked outside")))
                .contains(new TopicMatch("parking", 2, 3));
    }

    @Test
    void excludedWordsAreNoMention() {
        assertThat(MATCHER.matches(analyze("Parking near the national park is hopeless")))
                .contains(new TopicMatch("parking", 1, 1));
    }

    @Test
    void aParentCountsTheMentionsOfItsChildrenWithItsOwn() {
        assertThat(MATCHER.matches(analyze("Long commute, a traffic jam and no parking")))
                .containsExactly(new TopicMatch("transport", 3, 4), new TopicMatch("parking", 1, 1),
                        new TopicMatch("traffic", 1, 2));
    }

    @Test
    void unrelatedChatterMatchesNothing() {
        assertThat(topicsOf("Had a great dinner with friends, the dessert was amazing!")).isEmpty();
        assertThat(topicsOf("")).isEmpty();
    }

    @Test
    void compiledMatcherKeepsItsTaxonomy() {
        Taxonomy taxonomy = Taxonomy.bundled("brand-care");

        assertThat(TopicMatcher.compile(taxonomy).taxonomy()).isSameAs(taxonomy);
    }
}
