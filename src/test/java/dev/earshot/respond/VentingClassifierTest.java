package dev.earshot.respond;

import static dev.earshot.respond.Fixtures.T0;
import static dev.earshot.respond.Fixtures.author;
import static dev.earshot.respond.Fixtures.post;
import static dev.earshot.respond.Fixtures.ventingPost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.EnrichedPost;
import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VentingClassifierTest {

    private final VentingClassifier classifier = new VentingClassifier(HandoffRules.defaults());

    @Test
    void negativePostMentioningTheAccountIsVenting() {
        Assessment assessment = classifier.assess(
                ventingPost(author("asha"), "parking near MG Road is impossible", -0.62, T0));

        assertThat(assessment.venting()).isTrue();
        assertThat(assessment.account()).isEqualTo("CityCareDesk");
        assertThat(assessment.reasons()).containsExactly("negative (-0.62) and addresses @CityCareDesk");
    }

    @Test
    void anHandleInTheTextAddressesTheAccountWhateverItsCase() {
        Assessment assessment = classifier.assess(
                post(author("asha"), "hey @citycaredesk, garbage everywhere", -0.4, T0).build());

        assertThat(assessment.venting()).isTrue();
        assertThat(assessment.account()).isEqualTo("CityCareDesk");
    }

    @Test
    void aNegativeReplyToTheAccountIsVenting() {
        Assessment assessment = classifier.assess(
                post(author("asha"), "that did not help at all", -0.5, T0).replyTo("CityCareDesk").build());

        assertThat(assessment.venting()).isTrue();
        assertThat(assessment.account()).isEqualTo("CityCareDesk");
    }

    @Test
    void mastodonHandlesWithAnInstanceAddressTheAccount() {
        Assessment assessment = classifier.assess(
                post(author("asha"), "@CityCareDesk@mastodon.social the bus never came", -0.5, T0)
                        .mentions(List.of("CityCareDesk@mastodon.social")).build());

        assertThat(assessment.venting()).isTrue();
    }

    @Test
    void positiveThanksAreNotVenting() {
        Assessment assessment = classifier.assess(ventingPost(author("asha"), "thanks for fixing the pothole!", 0.71, T0));

        assertThat(assessment.addressed()).isTrue();
        assertThat(assessment.venting()).isFalse();
        assertThat(assessment.reasons()).contains("not venting: positive (0.71) although it addresses @CityCareDesk");
    }

    @Test
    void neutralQuestionsAreNotVenting() {
        Assessment assessment = classifier.assess(ventingPost(author("asha"), "when does the metro open?", 0.0, T0));

        assertThat(assessment.venting()).isFalse();
        assertThat(assessment.negative()).isFalse();
        assertThat(assessment.reasons()).first().isEqualTo("not venting: neutral (0.00) although it addresses @CityCareDesk");
    }

    @Test
    void negativePostsThatAddressNoAccountOfOursAreNotVenting() {
        Assessment assessment = classifier.assess(
                post(author("asha"), "@SomeoneElse @CityCareDeskFan parking here is awful", -0.55, T0)
                        .mentions(List.of("SomeoneElse", "CityCareDeskFan")).build());

        assertThat(assessment.negative()).isTrue();
        assertThat(assessment.addressed()).isFalse();
        assertThat(assessment.venting()).isFalse();
        assertThat(assessment.reasons())
                .containsExactly("not venting: negative (-0.55) but addresses none of our accounts @CityCareDesk");
    }

    @Test
    void postsOfOurOwnAccountAreNotVenting() {
        Assessment assessment = classifier.assess(
                post(author("CityCareDesk"), "@CityCareDesk sorry, we are on it, the outage is bad", -0.3, T0).build());

        assertThat(assessment.venting()).isFalse();
        assertThat(assessment.reasons()).containsExactly("not venting: written by our own account @CityCareDesk");
    }

    @Test
    void withoutAThresholdTheSentimentLabelDecides() {
        // a score the lexicon labels NEGATIVE although it lies above the default threshold of -0.05
        EnrichedPost mild = ventingPost(author("asha"), "meh", -0.04, T0);
        EnrichedPost labelledNegative = new EnrichedPost(mild.post(),
                new Sentiment(-0.04, SentimentLabel.NEGATIVE, 0.6, "test/1"), mild.topics(), mild.location());
        VentingClassifier byLabel = new VentingClassifier(new HandoffRules(List.of("CityCareDesk"), null,
                Duration.ofDays(7), Duration.ofHours(48), Duration.ofHours(72), List.of(), List.of(), 10_000, 0.2, 3, 50));

        assertThat(classifier.assess(labelledNegative).venting()).isFalse();
        assertThat(byLabel.assess(labelledNegative).venting()).isTrue();
        assertThat(byLabel.assess(mild).venting()).isFalse();
    }

    @Test
    void complaintCuesAreFoundAsWholeWordsWithTheirInflectionsAndExplained() {
        Assessment assessment = classifier.assess(
                ventingPost(author("asha"), "STILL waiting, nobody fixed the   no   response form", -0.4, T0));

        assertThat(assessment.complaintCues()).containsExactly("still", "no response", "fix", "nobody", "waiting");
        assertThat(assessment.reasons()).contains("complaint cue: 'still', 'no response', 'fix', 'nobody', 'waiting'");
    }

    @Test
    void urgentWordsMatchWholeWordsOnly() {
        assertThat(classifier.assess(ventingPost(author("a"), "a fire near the bus stop, unsafe", -0.7, T0)).urgentWords())
                .containsExactly("unsafe", "fire");
        assertThat(classifier.assess(ventingPost(author("a"), "the ceasefire of honking", -0.7, T0)).urgentWords())
                .isEmpty();
    }

    @Test
    void theAccountsAndTheThresholdAreConfigurable() {
        HandoffRules rules = new HandoffRules(List.of("AcmeCare"), -0.5, Duration.ofDays(7), Duration.ofHours(48),
                Duration.ofHours(72), List.of("refund"), List.of(), 10_000, 0.2, 3, 50);
        VentingClassifier acme = new VentingClassifier(rules);

        assertThat(acme.assess(ventingPost(author("a"), "parking is bad", -0.9, T0)).addressed()).isFalse();
        Assessment mild = acme.assess(post(author("a"), "@AcmeCare where is my refund", -0.3, T0).build());
        assertThat(mild.addressed()).isTrue();
        assertThat(mild.venting()).isFalse();
        assertThat(mild.complaintCues()).containsExactly("refund");
        assertThat(acme.assess(post(author("a"), "@AcmeCare where is my refund", -0.6, T0).build()).venting()).isTrue();
    }
}
