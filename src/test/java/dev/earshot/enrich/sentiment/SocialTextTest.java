package dev.earshot.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.earshot.enrich.sentiment.SocialText.Unit;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SocialTextTest {

    private static SocialText read(String text) {
        return SocialText.of(CoreNlpTextAnalyzer.shared().analyze(text), SentimentLexicon.bundled());
    }

    @Test
    void splitsHashtagsAtCamelCaseDigitsAndUnderscores() {
        assertThat(SocialText.hashtagWords("WorstServiceEver")).containsExactly("Worst", "Service", "Ever");
        assertThat(SocialText.hashtagWords("WTFCityCare")).containsExactly("WTF", "City", "Care");
        assertThat(SocialText.hashtagWords("covid19_lockdown")).containsExactly("covid", "19", "lockdown");
        assertThat(SocialText.hashtagWords("fail")).containsExactly("fail");
    }

    @Test
    void stripsSkinTonesSelectorsAndJoinedParts() {
        assertThat(SocialText.withoutEmojiModifiers("👏🏽")).isEqualTo("👏");
        assertThat(SocialText.withoutEmojiModifiers("❤️")).isEqualTo("❤");
        assertThat(SocialText.withoutEmojiModifiers("🤦\u200D♂️")).isEqualTo("🤦");
    }

    @Test
    void dropsMentionsUrlsAndPunctuationButCountsExclamationsAndQuestions() {
        SocialText text = read("@CityCareDesk see https://t.co/x1 now!!! why?? ok?!");

        assertThat(text.units()).extracting(Unit::key).containsExactly("see", "now", "why", "ok");
        assertThat(text.exclamations()).isEqualTo(4);
        assertThat(text.questions()).isEqualTo(3);
    }

    @Test
    void joinsEmoticonsTheTokenizerSplit() {
        assertThat(read("metro <3 but bus :-/").units()).extracting(Unit::key)
                .containsExactly("metro", "<3", "but", "bus", ":-/");
    }

    @Test
    void reducesElongationsAndMarksThem() {
        assertThat(read("sooooo baaad").units())
                .extracting(Unit::key, Unit::elongated)
                .containsExactly(tuple("so", true),
                        tuple("bad", true));
    }

    @Test
    void mergesKnownPhrasesIntoOneUnit() {
        assertThat(read("thanks for nothing, still waiting").units()).extracting(Unit::key)
                .containsExactly("thanks for nothing", "still waiting");
    }

    @Test
    void marksCapitalsAndWhetherTheyStandOut() {
        SocialText text = read("I am NOT happy");
        SocialText shouted = read("I AM NOT HAPPY");

        assertThat(text.units()).filteredOn(Unit::capitalised).extracting(Unit::key).containsExactly("not");
        assertThat(text.capsDifferential()).isTrue();
        assertThat(shouted.capsDifferential()).isFalse();
    }

    @Test
    void startsANewClauseAtClauseEndingPunctuationAndAtBut() {
        assertThat(clauses("never came, terrible. not cheap but good; ok - fine... yes :-/ no -- so — well"))
                .containsExactly(List.of("never", "came"), List.of("terrible"), List.of("not", "cheap"),
                        List.of("but", "good"), List.of("ok"), List.of("fine"), List.of("yes", ":-/", "no"),
                        List.of("so"), List.of("well"));
    }

    /** The units' keys grouped by clause. */
    private static List<List<String>> clauses(String text) {
        Map<Integer, List<String>> clauses = new TreeMap<>();
        for (Unit unit : read(text).units()) {
            clauses.computeIfAbsent(unit.clause(), clause -> new ArrayList<>()).add(unit.key());
        }
        return List.copyOf(clauses.values());
    }

    @Test
    void keepsSentencesApart() {
        assertThat(read("Not. Happy.").units()).extracting(Unit::sentence).containsExactly(0, 1);
    }
}
