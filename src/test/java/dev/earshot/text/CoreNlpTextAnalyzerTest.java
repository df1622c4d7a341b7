package dev.earshot.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoreNlpTextAnalyzerTest {

    private final TextAnalyzer analyzer = CoreNlpTextAnalyzer.shared();

    @Test
    void lemmatizesSoThatInflectionsAgree() {
        List<String> lemmas = analyzer.analyze("I parked there. Parking was impossible!").tokens().stream()
                .map(Token::lemma).toList();

        assertThat(lemmas).contains("park", "parking", "be", "impossible");
    }

    @Test
    void keepsHashtagsMentionsAndOffsets() {
        String text = "@CityCareDesk no #parking near MG Road :(";
        List<Token> tokens = analyzer.analyze(text).tokens();

        assertThat(tokens).extracting(Token::word).contains("@CityCareDesk", "#parking", "MG", "Road");
        for (Token token : tokens) {
            assertThat(text.substring(token.begin(), token.end())).isEqualTo(token.word());
        }
    }

    @Test
    void theTokenizerGivesTheSameWordsAndSentencesWithoutTags() {
        String text = "@united flight delayed AGAIN!!! Why?? #NeverAgain http://t.co/x1 :( I didn't get my bag.";
        AnalyzedText full = analyzer.analyze(text);
        AnalyzedText tokenized = CoreNlpTextAnalyzer.tokenizer().analyze(text);

        assertThat(tokenized.sentences()).hasSameSizeAs(full.sentences()).hasSizeGreaterThan(1);
        assertThat(tokenized.tokens()).extracting(Token::word, Token::begin, Token::end)
                .isEqualTo(full.tokens().stream().map(t -> org.assertj.core.groups.Tuple.tuple(t.word(), t.begin(),
                        t.end())).toList());
        assertThat(tokenized.tokens()).extracting(Token::pos).containsOnly("");
        assertThat(tokenized.tokens()).extracting(Token::lemma).contains("again", "did", "n't");
    }

    @Test
    void theSentenceCacheGivesTheSameAnalysisAsTaggingEverySentence() {
        // Repeated sentences, and words seen again with another tag ("park" as a verb, then a noun; "lost").
        List<String> posts = List.of(
                "I park the car in the park. Parking was impossible! #parking",
                "Parking was impossible! They lost my bag. @united why??",
                "Lost and found: my lost bag was found in the park.\n\nI park the car in the park.",
                "I park the car in the park. Parking was impossible! #parking",
                "Bus late again :( Third time this week! http://t.co/x1");
        TextAnalyzer roomy = ((CoreNlpTextAnalyzer) analyzer).withSentenceCache(100);
        TextAnalyzer tiny = ((CoreNlpTextAnalyzer) analyzer).withSentenceCache(1);

        for (int pass = 0; pass < 2; pass++) {
            for (String post : posts) {
                AnalyzedText expected = analyzer.analyze(post);
                assertThat(roomy.analyze(post)).as(post).isEqualTo(expected);
                assertThat(tiny.analyze(post)).as("with entries forgotten: " + post).isEqualTo(expected);
            }
        }
        assertThat(roomy.analyze("I park the car in the park.").tokens()).extracting(Token::pos)
                .as("the tags vary with the context, not the word").contains("VBP", "NN");
    }

    @Test
    void splitsSentences() {
        assertThat(analyzer.analyze("Bus late again. Third time this week!").sentences()).hasSize(2);
    }
}
