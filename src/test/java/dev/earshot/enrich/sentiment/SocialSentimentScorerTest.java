package dev.earshot.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import dev.earshot.text.CoreNlpTextAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocialSentimentScorerTest {

    private final SocialSentimentScorer scorer = SocialSentimentScorer.create();

    private Sentiment score(String text) {
        return scorer.score(text);
    }

    private SentimentLabel label(String text) {
        return score(text).label();
    }

    @Test
    void labelsCityComplaintsPraiseAndAnnouncements() {
        Sentiment complaint = score("Worst parking mess in Bangalore, towed again for no reason 😡");
        Sentiment praise = score("Thanks @CityCareDesk, the potholes on our street are finally fixed! 👏");
        Sentiment announcement = score("Metro timings change from Monday");

        assertThat(complaint.label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(complaint.score()).isLessThan(-0.5);
        assertThat(praise.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(praise.score()).isGreaterThan(0.5);
        assertThat(announcement.label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(announcement.score()).isZero();
        assertThat(complaint.model()).isEqualTo(SocialSentimentScorer.MODEL).isEqualTo("earshot-social-lexicon/3");
    }

    @Test
    void negationFlipsAndSoftens() {
        assertThat(label("I am not happy with the buses")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("The bus wasn't great today")).isEqualTo(SentimentLabel.NEGATIVE);

        double notBad = score("The new bus is not bad").score();
        assertThat(notBad).isPositive().isLessThan(score("The new bus is good").score());
        assertThat(Math.abs(score("The new bus is bad").score())).isGreaterThan(notBad);
    }

    @Test
    void negationReachesThreeWordsBackButNotIntoTheNextSentence() {
        assertThat(label("The metro is not very good")).isEqualTo(SentimentLabel.NEGATIVE);
        // "not go" is a failure of its own; "Good" in the next sentence still adds what it adds without "not"
        assertThat(score("I did not go. Good service though").score())
                .isGreaterThan(score("I did not go. Service though").score());
    }

    @ParameterizedTest
    @ValueSource(strings = {"@CityCareDesk the bus never came, terrible", "the bus never came; terrible",
            "the bus never came: terrible", "the bus never came - terrible", "the bus never came -- terrible",
            "the bus never came — terrible", "the bus never came... terrible", "the bus never came … terrible"})
    void negationEndsAtTheClauseBreak(String post) {
        assertThat(label(post)).isEqualTo(SentimentLabel.NEGATIVE);
        // both the negated action and "terrible" count against it
        assertThat(score(post).score()).isLessThan(score("terrible").score())
                .isLessThan(score("the bus never came").score());
    }

    @Test
    void aNegatedSentimentWordIsNotCarriedIntoTheNextClause() {
        assertThat(label("not bad, terrible")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("not cheap but good")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(score("never again, great").score()).isGreaterThan(score("never again").score())
                .isGreaterThan(score("never great").score());
        assertThat(label("never great")).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void negationWithinItsClauseIsUnchanged() {
        assertThat(label("not good")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("not good, sadly")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("The metro is not very good, again")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("never so good, honestly")).isEqualTo(SentimentLabel.POSITIVE);
        // the scores these had before negation stopped at a clause break
        assertThat(score("isn't it great").score()).isCloseTo(-0.6642, within(1e-4));
        assertThat(score("isn't it great?").score()).isCloseTo(-0.6642, within(1e-4));
        assertThat(score("the bus never came").score()).isCloseTo(-0.3612, within(1e-4));
    }

    @Test
    void theClauseAfterButWeighsMore() {
        assertThat(label("The driver was nice but the bus is filthy and late")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("The bus is filthy and late but the driver was wonderful")).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void capitalsExclamationsAndQuestionMarksIntensify() {
        double plain = score("The service is good").score();
        assertThat(score("The service is GOOD").score()).isGreaterThan(plain);
        assertThat(score("The service is good!!!").score()).isGreaterThan(plain);
        assertThat(score("The service is bad!!!").score()).isLessThan(score("The service is bad").score());
        assertThat(score("Why is the service so bad???").score())
                .isLessThan(score("Why is the service so bad").score());
    }

    @Test
    void capitalsEmphasiseOnlyWhenTheRestIsNotShouted() {
        assertThat(score("THE SERVICE IS GOOD").score()).isEqualTo(score("the service is good").score());
    }

    @Test
    void boostersAndDampenersScaleTheWordTheyPrecede() {
        double plain = score("The service is good").score();
        assertThat(score("The service is extremely good").score()).isGreaterThan(plain);
        assertThat(score("The service is kind of good").score()).isPositive().isLessThan(plain);
        assertThat(score("The service is extremely bad").score()).isLessThan(score("The service is bad").score());
    }

    @Test
    void hashtagsAreSplitIntoTheirWords() {
        assertThat(score("#WorstServiceEver").score()).isEqualTo(score("worst service ever").score()).isNegative();
        assertThat(label("Bus broke down on the way to office #fail")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("Two hours for one bus #NotHappy")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("Two hours for one bus #metrofail")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("Two hours for one bus #parking #safety")).isEqualTo(SentimentLabel.NEUTRAL);
    }

    @Test
    void emoticonsAndEmojiCarrySentiment() {
        assertThat(label("Bus late :(")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("Bus late :'(")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("Metro on time :-)")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(label("New metro line <3")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(label("Water tanker came at 2am :/")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("Garbage again 😤")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("Garbage again 🤬👎")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("Garbage cleared 👍🙏")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(label("New metro line 😍")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(score("Road cleared 👏🏽").score()).isEqualTo(score("Road cleared 👏").score()).isPositive();
    }

    @Test
    void elongationIsNormalisedAndEmphasises() {
        assertThat(score("The metro is sooooo good").score()).isGreaterThan(score("The metro is so good").score());
        assertThat(score("This is baaad").score()).isNegative().isLessThan(score("This is bad").score());
        assertThat(label("Ughhhh the traffic")).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Thanks for nothing @CityCareDesk",
        "Fed up with the garbage on our street",
        "Still waiting for the water tanker",
        "No response from the helpline",
        "wtf is going on with the buses",
        "Streetlights out on our lane, smh",
        "Ugh, the traffic on MG Road",
        "Power cut yet again",
        "Garbage not collected again!",
        "Streetlights not working near the school",
        "This helpline is useless",
        "Ridiculous queue at the metro station"
    })
    void complaintCuesAreNegative(String post) {
        assertThat(label(post)).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void sarcasticThanksIsNegativeWhilePlainThanksIsPositive() {
        assertThat(label("Thanks @CityCareDesk")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(label("Thanks for nothing @CityCareDesk")).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void mentionsAndUrlsCarryNoSentiment() {
        Sentiment onlyNames = score("@HappyLoveGreat https://great.example.com/love-it");
        assertThat(onlyNames.label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(onlyNames.score()).isZero();
        assertThat(score("Bus late again @GreatService https://t.co/awesome").score())
                .isEqualTo(score("Bus late again").score());
    }

    @Test
    void topicWordsAndRequestsStayNeutral() {
        assertThat(label("Waiting at the bus stop")).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(label("Waste collection moves to Tuesday")).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(label("Please post the new metro timings")).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(label("It looks like rain near the metro")).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(label("I like the new metro")).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void positiveWordsTheAuthorDoesNotAssertCountNothing() {
        // asked about
        assertThat(score("Is the upgrade to first class free?").score()).isZero();
        assertThat(label("The upgrade to first class is free")).isEqualTo(SentimentLabel.POSITIVE);
        // wished or supposed
        assertThat(score("A reply would be nice").score()).isZero();
        assertThat(score("It would be great if the bus came on time").score()).isZero();
        assertThat(label("The reply was nice")).isEqualTo(SentimentLabel.POSITIVE);
        // politeness next to a question, while thanks on its own is gratitude
        assertThat(score("Can you check my booking? Thanks").score()).isZero();
        assertThat(label("Thanks for the quick reply")).isEqualTo(SentimentLabel.POSITIVE);
        // a negative word keeps its weight in a question: a rhetorical complaint
        assertThat(label("Is it normal that the bus is this filthy?")).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I still haven't received my refund",
        "The app didn't upgrade my seat",
        "We can't get through to anyone on the phone",
        "Why is my bag still in Denver?",
        "Why does the bus skip our stop every morning?"
    })
    void negatedActionsAndWhyQuestionsReportAFailure(String post) {
        assertThat(label(post)).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void aNegationBeforeASentimentWordStillFlipsItInsteadOfAddingAFailure() {
        assertThat(score("The new bus is not bad").score()).isPositive();
        assertThat(score("I don't hate it").score()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Flight delayed two hours",
        "Train cancelled and no bus either",
        "Stuck at the station, waited an hour",
        "They lost my suitcase",
        "Got disconnected from the helpline twice"
    })
    void serviceFailuresAreNegative(String post) {
        assertThat(label(post)).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void negativeExpressionsOutweighEquallyStrongPositiveOnes() {
        // VADER: "helpful" 1.8 and "useless" -1.8 would cancel out; "friendly" 2.2 would beat "uncomfortable" -1.6
        assertThat(label("The staff were helpful, the app is useless")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("The crew were friendly, the seats uncomfortable")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("The crew were friendly")).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void answersInRepliesAreNotSentiment() {
        assertThat(score("yes, sure, okay").score()).isZero();
        assertThat(label("yes, still waiting for the tanker")).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void readsWordsOnlySoTheTokenizerAloneGivesTheSameScores() {
        for (String post : new String[] {"It looks like rain near the metro", "I really like the new metro",
                "Garbage not collected again!", "Why?? I didn't get my bag, thanks for nothing #NeverAgain :(",
                "see t.co/x1 and www.example.com: great news!"}) {
            assertThat(scorer.score(CoreNlpTextAnalyzer.tokenizer().analyze(post)))
                    .as(post).isEqualTo(scorer.score(CoreNlpTextAnalyzer.shared().analyze(post)));
        }
        assertThat(score("see t.co/awesome-love").score()).isZero();
    }

    @Test
    void scoresStayWithinBoundsAtTheExtremes() {
        Sentiment furious = score("WORST. SERVICE. EVER!!!!! Useless, pathetic, disgusting, horrible 🤬🤬🤬😡😡 #fail");
        Sentiment delighted = score("Best metro ever!!!!! Amazing, wonderful, brilliant, superb 😍😍👏👏 <3 <3");

        assertThat(furious.score()).isBetween(-1.0, -0.9);
        assertThat(delighted.score()).isBetween(0.9, 1.0);
        assertThat(furious.confidence()).isBetween(0.9, 1.0);
    }

    @Test
    void confidenceGrowsWithDistanceIntoTheLabelsBand() {
        Sentiment mild = score("The bus was good");
        Sentiment strong = score("The bus was absolutely wonderful!!!");
        Sentiment none = score("The bus leaves at nine");

        assertThat(mild.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(mild.confidence()).isLessThan(strong.confidence());
        assertThat(mild.confidence()).isCloseTo((mild.score() - 0.30) / 0.70, within(1e-9));
        // the neutral band is (-0.05, 0.30]: a score of 0 lies 0.125 from its middle, of a half-width of 0.175
        assertThat(none.confidence()).isCloseTo(1 - 0.125 / 0.175, within(1e-9));
        assertThat(SocialSentimentScorer.create(new SentimentParams(-0.05, 0.05)).score("The bus leaves at nine")
                .confidence()).isEqualTo(1.0);
    }

    @Test
    void thresholdsComeFromTheParams() {
        SocialSentimentScorer strict = SocialSentimentScorer.create(new SentimentParams(-0.9, 0.9));

        assertThat(strict.score("The bus was good").label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(scorer.score("The bus was good").label()).isEqualTo(SentimentLabel.POSITIVE);
    }
}
