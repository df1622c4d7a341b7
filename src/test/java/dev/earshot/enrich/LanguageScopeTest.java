package dev.earshot.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.model.Author;
import dev.earshot.model.Post;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageScopeTest {

    private static final LanguageScope ENGLISH = LanguageScope.defaults();

    @Test
    void englishByDefaultComparedOnThePrimarySubtagWhateverItsCase() {
        assertThat(ENGLISH.languages()).containsExactly("en");
        assertThat(ENGLISH.includes("en")).isTrue();
        assertThat(ENGLISH.includes("en-GB")).isTrue();
        assertThat(ENGLISH.includes("EN")).isTrue();
        assertThat(ENGLISH.includes("en_US")).isTrue();
        assertThat(ENGLISH.includes("pt")).isFalse();
        assertThat(ENGLISH.includes("pt-BR")).isFalse();
        assertThat(ENGLISH.includes("ja")).isFalse();
        assertThat(ENGLISH.includes("enm")).as("Middle English is a language of its own").isFalse();
    }

    @Test
    void aPostTaggedWithSeveralLanguagesIsKeptWhenOneOfThemIsListed() {
        assertThat(ENGLISH.includesPost(post("ja", List.of("ja", "en")))).as("Bluesky ['ja', 'en']").isTrue();
        assertThat(ENGLISH.includesPost(post("ja", List.of("ja", "ko")))).isFalse();
        assertThat(ENGLISH.includesPost(post("ja", null))).isFalse();
        assertThat(ENGLISH.includesPost(post("en", null))).isTrue();
        assertThat(ENGLISH.includesPost(post(null, null))).as("no language said").isTrue();
        assertThat(new LanguageScope(List.of("pt")).includesPost(post("en", List.of("en", "pt-BR")))).isTrue();
    }

    static Post post(String lang, List<String> langs) {
        return new Post("bluesky:1", "bluesky", Instant.parse("2026-03-04T05:00:00Z"), "text", lang,
                new Author("did:plc:a", null, 0, null), null, null, null, null, null, null, null, null, null, langs);
    }

    @Test
    void aPostWhoseNetworkDidNotSayItsLanguageIsKept() {
        assertThat(ENGLISH.includes(null)).isTrue();
        assertThat(ENGLISH.includes("")).isTrue();
        assertThat(ENGLISH.includes("  ")).isTrue();
        assertThat(ENGLISH.includes("und")).isTrue();
        assertThat(ENGLISH.includes("UND")).isTrue();
        assertThat(ENGLISH.includes("zxx")).isTrue();
        assertThat(ENGLISH.includes("mul")).isTrue();
        assertThat(ENGLISH.includes("qme")).as("X: media only").isTrue();
        assertThat(ENGLISH.includes("qht")).as("X: hashtags only").isTrue();
        assertThat(ENGLISH.includes("qux")).as("past the private-use range qaa-qtz").isFalse();
    }

    @Test
    void everyLanguageKeepsEveryPost() {
        LanguageScope every = new LanguageScope(List.of("*"));

        assertThat(every.includes("pt")).isTrue();
        assertThat(every.includes("ja-JP")).isTrue();
        assertThat(every.includes(null)).isTrue();
        assertThat(every).hasToString("*");
    }

    @Test
    void listedCodesAreNormalisedAndAThreeLetterCodeIsItsTwoLetterOne() {
        LanguageScope scope = new LanguageScope(List.of("EN", "pt", "eng", "por"));

        assertThat(scope.languages()).containsExactly("en", "pt");
        assertThat(scope).hasToString("en, pt");
        assertThat(scope.includes("pt-BR")).isTrue();
        assertThat(new LanguageScope(List.of("en")).includes("eng")).isTrue();
        assertThat(new LanguageScope(List.of("yue")).includes("yue-HK")).as("a code with no two-letter one").isTrue();
    }

    @Test
    void anEmptyListOrAnEntryThatIsNoCodeIsRefusedWithTheFix() {
        assertThatThrownBy(() -> new LanguageScope(List.of()))
                .hasMessage("enrich.languages must list at least one language, was []; e.g. [en], or [\"*\"] to read "
                        + "posts in every language");
        assertThatThrownBy(() -> new LanguageScope(null)).hasMessageStartingWith("enrich.languages must list at least one");
        for (String bad : Arrays.asList("en-GB", "english", "e", "", "**", "e1", null)) {
            assertThatThrownBy(() -> new LanguageScope(Arrays.asList("pt", bad)))
                    .hasMessage("enrich.languages lists '" + bad + "', which is not a language code: write codes of 2 or "
                            + "3 letters such as en or pt (en also covers en-GB and en-US), or [\"*\"] for every language");
        }
        assertThatThrownBy(() -> new LanguageScope(List.of("en", "*")))
                .hasMessage("enrich.languages lists \"*\" (every language) with [en, *]; write [\"*\"] alone, or only the "
                        + "languages to keep");
    }
}
