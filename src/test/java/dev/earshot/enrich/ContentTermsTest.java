package dev.earshot.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.text.CoreNlpTextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentTermsTest {

    private static List<String> terms(String text) {
        return ContentTerms.of(CoreNlpTextAnalyzer.shared().analyze(text));
    }

    @Test
    void keepsLemmasOfNounsVerbsAndAdjectivesOnceWithoutStopWordsMentionsOrLinks() {
        // "the towing fees": the tagger reads towing as a noun, whose lemma is itself.
        assertThat(terms("@CityCareDesk My car was towed AGAIN and the towing fees are insane! Cars towed https://t.co/x #parking"))
                .containsExactly("car", "tow", "towing", "fee", "insane", "parking");
    }

    @Test
    void placeNamesAreLeftOutButACommonNounThatIsAlsoATownIsKept() {
        // Deal is a town in Kent; as a common noun it stays.
        assertThat(terms("Bangalore traffic is chaos, what a deal #Mumbai #Karnataka India"))
                .containsExactly("traffic", "chaos", "deal");
    }

    @Test
    void aPostWithOnlyStopWordsHasNoTerms() {
        assertThat(terms("It is what it is, thanks.")).isEmpty();
    }
}
