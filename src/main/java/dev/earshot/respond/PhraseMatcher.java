package dev.earshot.respond;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds configured words and phrases in a text: whole words, any case, any spacing between the words of a phrase,
 * and the common English endings (s, es, d, ed, ing) so that "fix" also finds "fixed" and "accident" "accidents".
 */
final class PhraseMatcher {

    private record Phrase(String text, Pattern pattern) {
    }

    private final List<Phrase> phrases;

    PhraseMatcher(List<String> phrases) {
        this.phrases = phrases.stream().map(phrase -> new Phrase(phrase, compile(phrase))).toList();
    }

    /** The configured phrases found in {@code text}, in configuration order. */
    List<String> find(String text) {
        return phrases.stream().filter(phrase -> phrase.pattern().matcher(text).find()).map(Phrase::text).toList();
    }

    private static Pattern compile(String phrase) {
        String words = String.join("\\s+", List.of(phrase.split("\\s+")).stream().map(Pattern::quote).toList());
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + words + "(?:s|es|d|ed|ing)?(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
