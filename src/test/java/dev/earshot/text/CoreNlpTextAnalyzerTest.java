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
    void splitsSentences() {
        assertThat(analyzer.analyze("Bus late again. Third time this week!").sentences()).hasSize(2);
    }
}
