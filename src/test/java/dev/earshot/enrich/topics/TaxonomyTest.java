package dev.earshot.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class TaxonomyTest {

    static final List<String> BUNDLED = Taxonomy.BUNDLED;

    @ParameterizedTest
    @FieldSource("BUNDLED")
    void bundledTaxonomiesParse(String name) {
        Taxonomy taxonomy = Taxonomy.bundled(name);

        assertThat(taxonomy.topics()).isNotEmpty();
        assertThat(taxonomy.yaml()).startsWith("# HOW TO EDIT THIS FILE");
    }

    @Test
    void bundledTaxonomiesHaveTheAgreedTopicIds() {
        assertThat(Taxonomy.bundled("city-operations").ids()).containsExactly(
                "parking", "traffic", "public_transport", "roads", "waste", "water", "power", "noise", "safety");
        assertThat(Taxonomy.bundled("brand-care").ids()).containsExactly(
                "billing", "delivery", "outage", "account_access", "refund", "product_defect", "staff", "waiting_time");
    }

    @Test
    void unknownBundledNameListsTheBundledOnes() {
        assertThatThrownBy(() -> Taxonomy.bundled("city"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("city-operations, brand-care, airline-care");
    }

    @Test
    void readsEveryKeyAndNormalizesHashtagsAndLemmas() {
        Taxonomy taxonomy = Taxonomy.parse("""
                topics:
                  - id: transport
                    name: Transport
                    lemmas: [Commute]
                  - id: public_transport
                    name: Public transport
                    parent: transport
                    phrases:
                      - bus stop
                      - metro
                    hashtags: ["#Metro", bus]
                    exclude: [train of thought]
                """);

        assertThat(taxonomy.ids()).containsExactly("transport", "public_transport");
        assertThat(taxonomy.topic("public_transport")).contains(new Topic("public_transport", "Public transport",
                "transport", List.of("bus stop", "metro"), List.of("metro", "bus"), List.of(), List.of("train of thought")));
        assertThat(taxonomy.topic("transport").orElseThrow().lemmas()).containsExactly("commute");
        assertThat(taxonomy.topic("nothing")).isEmpty();
    }

    @Test
    void withMoreAddsPhrasesAndHashtagsToTheNamedTopicsOnly() {
        Taxonomy taxonomy = Taxonomy.parse("""
                topics:
                  - id: transport
                    name: Transport
                    phrases: [bus]
                  - id: parking
                    name: Parking
                    parent: transport
                    phrases: [park]
                    exclude: [national park]
                """);

        Taxonomy more = taxonomy.withMore(Map.of("parking", List.of("car park", "park")), Map.of("transport", List.of("Metro")));

        assertThat(more.topic("parking").orElseThrow()).isEqualTo(new Topic("parking", "Parking", "transport",
                List.of("park", "car park"), List.of(), List.of(), List.of("national park")));
        assertThat(more.topic("transport").orElseThrow().hashtags()).containsExactly("metro");
        assertThat(Taxonomy.parse(more.yaml()).topics()).as("its YAML reads back").isEqualTo(more.topics());
        assertThat(taxonomy.topic("parking").orElseThrow().phrases()).as("the original is unchanged").containsExactly("park");
    }

    @Test
    void withMoreForAnUnknownTopicNamesItAndTheTopics() {
        Taxonomy taxonomy = Taxonomy.parse("topics:\n  - {id: parking, name: Parking, phrases: [park]}\n");

        assertThatThrownBy(() -> taxonomy.withMore(Map.of("parkng", List.of("car park")), Map.of()))
                .isInstanceOf(TaxonomyException.class)
                .hasMessage("cannot add to topic \"parkng\": no topic has that id — use one of [parking]");
    }

    @Test
    void unknownKeySuggestsTheNearestKey() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: parking
                    name: Parking
                    phrase: [park]
                """))
                .isInstanceOf(TaxonomyException.class)
                .hasMessage("topics[0] (id \"parking\", line 2): unknown key \"phrase\" — did you mean \"phrases\"?");
    }

    @Test
    void unknownKeyFarFromAnyListsTheKeys() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: parking
                    name: Parking
                    phrases: [park]
                    colour: red
                """))
                .hasMessageContaining("unknown key \"colour\"")
                .hasMessageContaining("a topic's keys are id, name, parent, phrases, hashtags, lemmas, exclude");
    }

    @Test
    void missingIdSaysWhatToAdd() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - name: Parking
                    phrases: [park]
                """))
                .hasMessageStartingWith("topics[0] (line 2): missing key \"id\" — add e.g. id: ");
    }

    @Test
    void badIdSyntaxProposesASnakeCaseId() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: Public Transport
                    name: Public transport
                    phrases: [bus]
                """))
                .hasMessageContaining("\"id\" \"Public Transport\" is not snake_case")
                .hasMessageContaining("e.g. \"public_transport\"");
    }

    @Test
    void duplicateIdNamesBothTopics() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: parking
                    name: Parking
                    phrases: [park]
                  - id: parking
                    name: Parking again
                    phrases: [car park]
                """))
                .hasMessage("topics[1] (id \"parking\", line 5): duplicate \"id\" — topics[0] (id \"parking\", line 2)"
                        + " already uses it; give each topic its own id");
    }

    @Test
    void unknownParentSuggestsTheNearestId() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: transport
                    name: Transport
                    phrases: [commute]
                  - id: public_transport
                    name: Public transport
                    parent: transprot
                    phrases: [bus]
                """))
                .hasMessageContaining("topics[1] (id \"public_transport\", line 5): \"parent\" \"transprot\" is not the"
                        + " id of any topic — did you mean \"transport\"?");
    }

    @Test
    void parentCycleIsReportedOnceWithItsPath() {
        TaxonomyException error = catchThrowableOfType(TaxonomyException.class, () -> Taxonomy.parse("""
                topics:
                  - id: a
                    name: A
                    parent: b
                    phrases: [apple]
                  - id: b
                    name: B
                    parent: a
                    phrases: [banana]
                  - id: c
                    name: C
                    parent: c
                    phrases: [cherry]
                """));

        assertThat(error.problems()).containsExactly(
                "topics[0] (id \"a\", line 2): \"parent\" goes round in a circle (a -> b -> a) — remove \"parent\""
                        + " from one of these topics",
                "topics[2] (id \"c\", line 10): \"parent\" is the topic itself — remove \"parent\" or name another"
                        + " topic's id");
        assertThat(error).hasMessageStartingWith("2 problems in the taxonomy:\n- topics[0]");
    }

    @Test
    void topicThatCanNeverMatchIsRejected() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: road_safety
                    name: Road safety
                    exclude: [safety pin]
                """))
                .hasMessage("topics[0] (id \"road_safety\", line 2): no \"phrases\", \"hashtags\" or \"lemmas\", so it"
                        + " can never match — add at least one, e.g. phrases: [road safety]");
    }

    @Test
    void aTopicWithTwoMistakesGetsBothReported() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: Bad-Id
                    name: Bad
                """))
                .isInstanceOfSatisfying(TaxonomyException.class, error -> assertThat(error.problems()).containsExactly(
                        "topics[0] (id \"Bad-Id\", line 2): \"id\" \"Bad-Id\" is not snake_case — use lower-case letters,"
                                + " digits and underscores, starting with a letter, e.g. \"bad_id\"",
                        "topics[0] (id \"Bad-Id\", line 2): no \"phrases\", \"hashtags\" or \"lemmas\", so it can never"
                                + " match — add at least one, e.g. phrases: [bad id]"));
    }

    @Test
    void aMisspeltPhrasesKeyIsNotAlsoReportedAsNoPhrases() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: parking
                    name: Parking
                    phrase: [park]
                """))
                .isInstanceOfSatisfying(TaxonomyException.class, error -> assertThat(error.problems()).singleElement()
                        .asString().contains("unknown key \"phrase\" — did you mean \"phrases\"?"));
    }

    @Test
    void missingNameSaysWhatToAdd() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: parking
                    phrases: [park]
                """))
                .hasMessageContaining("missing key \"name\" — add e.g. name: ");
    }

    @Test
    void commentedOutHashtagExplainsTheHash() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: parking
                    name: Parking
                    hashtags:
                      - #parking
                """))
                .hasMessageContaining("\"hashtags\" entry 1 is empty")
                .hasMessageContaining("write the hashtag without # or in quotes");
    }

    @Test
    void listWrittenAsTextSaysHowToWriteAList() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: parking
                    name: Parking
                    phrases: park, car park
                """))
                .hasMessageContaining("\"phrases\" must be a list, not the text \"park, car park\"")
                .hasMessageContaining("starting with \"- \", or as [first, second]");
    }

    @Test
    void misplacedEntriesSayWhereTheyBelong() {
        TaxonomyException error = catchThrowableOfType(TaxonomyException.class, () -> Taxonomy.parse("""
                topics:
                  - id: water
                    name: Water
                    phrases: ["#watersupply"]
                    hashtags: [water supply]
                    lemmas: [tap water]
                """));

        assertThat(error.problems()).containsExactly(
                "topics[0] (id \"water\", line 2): phrases entry \"#watersupply\" is a hashtag — list it under"
                        + " \"hashtags\" instead",
                "topics[0] (id \"water\", line 2): hashtag \"water supply\" is not one word of letters, digits and _"
                        + " — put phrases with spaces under \"phrases\"",
                "topics[0] (id \"water\", line 2): lemma \"tap water\" is more than one word — put it under \"phrases\"");
    }

    @Test
    void topLevelMistakesNameTheOnlyTopLevelKey() {
        assertThatThrownBy(() -> Taxonomy.parse("topic:\n  - id: parking\n"))
                .hasMessage("line 1: unknown key \"topic\" at the top of the taxonomy — did you mean \"topics\"?");
        assertThatThrownBy(() -> Taxonomy.parse("- id: parking\n"))
                .hasMessageContaining("must start with \"topics:\"");
        assertThatThrownBy(() -> Taxonomy.parse("  "))
                .hasMessageContaining("the taxonomy is empty");
        assertThatThrownBy(() -> Taxonomy.parse("topics: []\n"))
                .hasMessageContaining("\"topics\" is an empty list");
    }

    @Test
    void yamlSyntaxErrorsGiveTheLine() {
        assertThatThrownBy(() -> Taxonomy.parse("""
                topics:
                  - id: parking
                    name: Parking
                    phrases: [park]
                    phrases: [car park]
                """))
                .isInstanceOf(TaxonomyException.class)
                .hasMessageStartingWith("line 5, column ")
                .hasMessageContaining("a key may appear only once per topic");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        TaxonomyException error = catchThrowableOfType(TaxonomyException.class, () -> Taxonomy.parse("""
                topics:
                  - id: parking
                    name: Parking
                    phrase: [park]
                  - name: Traffic
                    phrases: [traffic]
                """));

        assertThat(error.problems()).hasSize(2);
        assertThat(error.problems().get(0)).contains("unknown key \"phrase\"");
        assertThat(error.problems().get(1)).contains("topics[1] (line 5): missing key \"id\"");
    }
}
