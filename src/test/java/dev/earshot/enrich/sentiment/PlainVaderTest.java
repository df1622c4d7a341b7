package dev.earshot.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.SentimentLabel;
import dev.earshot.text.CoreNlpTextAnalyzer;
import org.junit.jupiter.api.Test;

class PlainVaderTest {

    private final SocialSentimentScorer plain = SocialSentimentScorer.plainVader();
    private final SocialSentimentScorer social = SocialSentimentScorer.create();

    private SentimentLabel plainLabel(String text) {
        return plain.score(CoreNlpTextAnalyzer.shared().analyze(text)).label();
    }

    @Test
    void keepsVadersLexiconAndRules() {
        assertThat(plainLabel("The crew was great")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(plainLabel("The crew was not great")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(plainLabel("The seats were awful but the crew was wonderful")).isEqualTo(SentimentLabel.POSITIVE);
        // VADER's negation reaches its three words across a comma: "terrible" is flipped
        assertThat(plainLabel("the bus never came, terrible")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(plain.score("The crew was great").model()).isEqualTo(SocialSentimentScorer.PLAIN_VADER_MODEL);
    }

    @Test
    void knowsNoneOfEarshotsSocialAdditions() {
        // Complaint phrase, emoji and split hashtag: Earshot's additions, unknown to VADER.
        assertThat(plainLabel("thanks for nothing")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(social.score("thanks for nothing").label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(plainLabel("flight 22 😡")).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(social.score("flight 22 😡").label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(plainLabel("#WorstAirlineEver")).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(social.score("#WorstAirlineEver").label()).isEqualTo(SentimentLabel.NEGATIVE);
        // VADER reads "#fail" as "fail", as its punctuation stripping does.
        assertThat(plainLabel("#fail")).isEqualTo(SentimentLabel.NEGATIVE);
    }
}
