package dev.earshot.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.enrich.sentiment.SentimentLexicon.Phrase;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentLexiconTest {

    private final SentimentLexicon lexicon = SentimentLexicon.bundled();

    @Test
    void loadsEveryDistinctTokenOfVadersLexicon() {
        // 7,517 lines; lower-cased as VADER compares them, 26 repeat an earlier token (":D" and ":d").
        assertThat(lexicon.vaderLexiconEntries()).isEqualTo(7_491);
        assertThat(lexicon.term("worst").valence()).isEqualTo(-3.1);
        assertThat(lexicon.term(":(").valence()).isEqualTo(-1.9);
        assertThat(lexicon.term("<3").valence()).isEqualTo(1.9);
    }

    @Test
    void aRepeatedVaderTokenKeepsItsLastValenceAsInVader() {
        assertThat(lexicon.term("lol").valence()).isEqualTo(1.8);
    }

    @Test
    void loadsVadersModifiers() {
        assertThat(lexicon.term("extremely").booster()).isEqualTo(0.293);
        assertThat(lexicon.term("slightly").booster()).isEqualTo(-0.293);
        assertThat(lexicon.term("never").negation()).isTrue();
        assertThat(lexicon.term("n't").negation()).isTrue();
        assertThat(lexicon.phrasesStartingWith("kind"))
                .containsExactly(new Phrase(List.of("kind", "of"), new SentimentLexicon.Term(Double.NaN, -0.293, false)));
    }

    @Test
    void socialAdditionsAddEmojiAndPhrasesAndOverrideVader() {
        assertThat(lexicon.term("😡").valence()).isNegative();
        assertThat(lexicon.term("👏").valence()).isPositive();
        assertThat(lexicon.term("please").valence()).isZero();
        assertThat(lexicon.term("please").hasValence()).isTrue();
        assertThat(lexicon.phrasesStartingWith("thanks")).extracting(phrase -> String.join(" ", phrase.words()))
                .contains("thanks for nothing");
    }

    @Test
    void phrasesAreOfferedLongestFirst() {
        List<Phrase> phrases = lexicon.phrasesStartingWith("waste");

        assertThat(phrases).extracting(phrase -> phrase.words().size()).isSortedAccordingTo((a, b) -> b - a);
        assertThat(phrases).extracting(phrase -> String.join(" ", phrase.words()))
                .contains("waste of time", "waste collection");
    }

    @Test
    void isSharedAcrossTheJvm() {
        assertThat(SentimentLexicon.bundled()).isSameAs(lexicon);
    }
}
