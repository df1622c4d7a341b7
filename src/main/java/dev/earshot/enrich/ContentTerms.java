package dev.earshot.enrich;

import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.PlaceNames;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.Token;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words a post is about, for a window's top terms: the lemmas of its nouns, verbs and adjectives (hashtags as
 * their lower-cased text), without stop words, each once, in order of first occurrence. The part-of-speech filter
 * already drops pronouns, articles and prepositions; the list below drops the verbs and adjectives that say nothing
 * on their own ("be", "get", "good"). Proper nouns and hashtags that name a place, region or country of the bundled
 * gazetteer ("Bangalore", "#Mumbai") are left out too: the statistics cell already says where, and a city's many
 * names would otherwise top every window of it.
 */
public final class ContentTerms {

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 30;

    private static final Set<String> STOP_WORDS = Set.of(
            "be", "have", "do", "get", "got", "go", "make", "say", "see", "know", "think", "take", "come", "want",
            "look", "give", "let", "seem", "keep", "put", "tell", "use", "try", "need", "feel", "will", "would",
            "can", "could", "shall", "should", "may", "might", "must", "other", "more", "most", "much", "many",
            "good", "bad", "new", "old", "same", "own", "such", "few", "last", "next", "thing", "lot", "way", "day",
            "time", "today", "yesterday", "tomorrow", "people", "guy", "anyone", "everyone", "someone", "something",
            "anything", "nothing", "everything", "http", "https", "amp", "lol", "omg", "pls", "please", "thank",
            "thanks");

    private ContentTerms() {
    }

    public static List<String> of(AnalyzedText text) {
        Set<String> terms = new LinkedHashSet<>();
        for (Token token : text.tokens()) {
            String term = term(token);
            if (term != null) {
                terms.add(term);
            }
        }
        return List.copyOf(terms);
    }

    private static String term(Token token) {
        String candidate;
        boolean properNoun = token.pos().startsWith("NNP");
        if (token.word().startsWith("#")) {
            candidate = token.word().substring(1).toLowerCase(Locale.ROOT);
            properNoun = true;
        } else if (token.pos().startsWith("NN") || token.pos().startsWith("VB") || token.pos().startsWith("JJ")) {
            candidate = token.lemma().toLowerCase(Locale.ROOT);
        } else {
            return null;
        }
        if (candidate.length() < MIN_LENGTH || candidate.length() > MAX_LENGTH || STOP_WORDS.contains(candidate)) {
            return null;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!Character.isLetter(c) && c != '-' && c != '\'') {
                return null;
            }
        }
        return properNoun && namesAPlace(candidate) ? null : candidate;
    }

    private static boolean namesAPlace(String word) {
        Gazetteer gazetteer = Gazetteer.bundled();
        String key = PlaceNames.key(word);
        return !gazetteer.places(key).isEmpty() || !gazetteer.placesByCompactKey(PlaceNames.compactKey(key)).isEmpty()
                || !gazetteer.countries(key, false).isEmpty() || !gazetteer.regions(key, false).isEmpty();
    }
}
