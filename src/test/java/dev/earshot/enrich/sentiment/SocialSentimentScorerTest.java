package dev.earshot.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
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
        assertThat(complaint.model()).isEqualTo(SocialSentimentScorer.MODEL).isEqualTo("earshot-social-lexicon/1");
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
        assertThat(score("I did not go. Good service though").score())
                .isEqualTo(score("I did go. Good service though").score());
    }

    @Test
    void theClauseAfterButWeighsMore() {
        assertThat(label("The driver was nice but the bus is filthy and late")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("The bus is filthy and late but the driver was nice")).isEqualTo(SentimentLabel.POSITIVE);
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
    void scoresStayWithinBoundsAtTheExtremes() {
        Sentiment furious = score("WORST. SERVICE. EVER!!!!! Useless, pathetic, disgusting, horrible 🤬🤬🤬😡😡 #fail");
        Sentiment delighted = score("Best metro ever!!!!! Amazing, wonderful, brilliant, superb 😍😍👏👏 <3 <3");

        assertThat(furious.score()).isBetween(-1.0, -0.9);
        assertThat(delighted.score()).isBetween(0.9, 1.0);
        assertThat(furious.confidence()).isBetween(0.9, 1.0);
    }

    @Test
    void confidenceGrowsWithDistanceIntoTheLabelsBand() {
        Sentiment mild = score("The bus was ok");
        Sentiment strong = score("The bus was absolutely wonderful!!!");
        Sentiment none = score("The bus leaves at nine");

        assertThat(mild.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(mild.confidence()).isLessThan(strong.confidence());
        assertThat(mild.confidence()).isCloseTo((mild.score() - 0.05) / 0.95, within(1e-9));
        assertThat(none.confidence()).isEqualTo(1.0);
    }

    @Test
    void thresholdsComeFromTheParams() {
        SocialSentimentScorer strict = SocialSentimentScorer.create(new SentimentParams(-0.9, 0.9));

        assertThat(strict.score("The bus was good").label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(scorer.score("The bus was good").label()).isEqualTo(SentimentLabel.POSITIVE);
    }
}
