package dev.earshot.enrich.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words, emoji and phrases the social sentiment scorer knows, read once per JVM from the bundled resources
 * (see {@code sentiment/README.md}): VADER's lexicon and rule words, then Earshot's social-text additions, which
 * win where they overlap. Immutable, so one instance serves every thread.
 */
final class SentimentLexicon {

    static final String VADER_LEXICON = "sentiment/vader_lexicon.txt";
    static final String VADER_MODIFIERS = "sentiment/vader_modifiers.tsv";
    static final String SOCIAL_ADDITIONS = "sentiment/social_additions.tsv";

    /**
     * What one token (or phrase) does to sentiment.
     *
     * @param valence its own sentiment on VADER's -4..4 scale, NaN when it has none
     * @param booster how much it intensifies (positive) or dampens (negative) the sentiment word it precedes;
     *     0 when it is no booster
     * @param negation whether it flips the sentiment of the words that follow within three tokens
     */
    record Term(double valence, double booster, boolean negation) {

        static final Term NONE = new Term(Double.NaN, 0, false);

        boolean hasValence() {
            return !Double.isNaN(valence);
        }

        boolean isBooster() {
            return booster != 0;
        }

        Term withValence(double newValence) {
            return new Term(newValence, booster, negation);
        }

        Term withBooster(double newBooster) {
            return new Term(valence, newBooster, negation);
        }

        Term asNegation() {
            return new Term(valence, booster, true);
        }
    }

    /** Several tokens that act as one term, e.g. "thanks for nothing" or the dampener "kind of". */
    record Phrase(List<String> words, Term term) {
    }

    private static final class Holder {
        static final SentimentLexicon BUNDLED = load(true);
    }

    private static final class VaderHolder {
        static final SentimentLexicon VADER_ONLY = load(false);
    }

    private final Map<String, Term> terms;
    private final Map<String, List<Phrase>> phrasesByFirstWord;
    private final int vaderLexiconEntries;

    private SentimentLexicon(Map<String, Term> terms, Map<String, List<Phrase>> phrasesByFirstWord,
            int vaderLexiconEntries) {
        this.terms = Map.copyOf(terms);
        this.phrasesByFirstWord = Map.copyOf(phrasesByFirstWord);
        this.vaderLexiconEntries = vaderLexiconEntries;
    }

    /** The lexicon built from the bundled resources, loaded on first use. */
    static SentimentLexicon bundled() {
        return Holder.BUNDLED;
    }

    /** VADER's lexicon and rule words alone, without Earshot's social additions: the plain-VADER baseline. */
    static SentimentLexicon vaderOnly() {
        return VaderHolder.VADER_ONLY;
    }

    /** The term for a lower-case token, or null when the token carries no sentiment and modifies nothing. */
    Term term(String key) {
        return terms.get(key);
    }

    /** Phrases whose first word is this lower-case token, longest first; empty when none. */
    List<Phrase> phrasesStartingWith(String key) {
        return phrasesByFirstWord.getOrDefault(key, List.of());
    }

    /** Whether the scorer has any use for this lower-case token. */
    boolean knows(String key) {
        return terms.containsKey(key) || phrasesByFirstWord.containsKey(key);
    }

    /** How many distinct lower-case tokens VADER's lexicon file defines. */
    int vaderLexiconEntries() {
        return vaderLexiconEntries;
    }

    private static SentimentLexicon load(boolean withSocialAdditions) {
        Map<String, Term> terms = new HashMap<>();
        Map<String, Term> phraseTerms = new HashMap<>();
        readLines(VADER_LEXICON, (line, fields) -> {
            // token TAB mean valence TAB standard deviation TAB raw ratings. VADER looks tokens up in lower case;
            // a later duplicate wins, as in VADER's loader.
            terms.put(fields[0].toLowerCase(Locale.ROOT), Term.NONE.withValence(parse(fields[1], line)));
        });
        int vaderLexiconEntries = terms.size();
        readRules(VADER_MODIFIERS, terms, phraseTerms);
        if (withSocialAdditions) {
            readRules(SOCIAL_ADDITIONS, terms, phraseTerms);
        }

        Map<String, List<Phrase>> phrasesByFirstWord = new HashMap<>();
        phraseTerms.forEach((text, term) -> {
            List<String> words = List.of(text.split(" "));
            phrasesByFirstWord.computeIfAbsent(words.get(0), first -> new ArrayList<>()).add(new Phrase(words, term));
        });
        phrasesByFirstWord.replaceAll((first, phrases) -> phrases.stream()
                .sorted(Comparator.comparingInt((Phrase phrase) -> phrase.words().size()).reversed())
                .toList());
        return new SentimentLexicon(terms, phrasesByFirstWord, vaderLexiconEntries);
    }

    /** Reads {@code kind TAB text [TAB value]} lines; a phrase is any text with a space in it. */
    private static void readRules(String resource, Map<String, Term> terms, Map<String, Term> phraseTerms) {
        readLines(resource, (line, fields) -> {
            if (fields[0].startsWith("#")) {
                return;
            }
            String text = fields[1].toLowerCase(Locale.ROOT);
            Map<String, Term> target = text.contains(" ") ? phraseTerms : terms;
            Term existing = target.getOrDefault(text, Term.NONE);
            Term updated = switch (fields[0]) {
                case "valence", "phrase" -> existing.withValence(parse(field(fields, 2, line), line));
                case "booster" -> existing.withBooster(parse(field(fields, 2, line), line));
                case "negation" -> existing.asNegation();
                default -> throw new IllegalStateException(resource + ": unknown kind in line: " + line);
            };
            target.put(text, updated);
        });
    }

    private interface LineHandler {
        void accept(String line, String[] fields);
    }

    private static void readLines(String resource, LineHandler handler) {
        InputStream in = SentimentLexicon.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    handler.accept(line, line.split("\t"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String field(String[] fields, int index, String line) {
        if (fields.length <= index) {
            throw new IllegalStateException("missing column " + (index + 1) + " in line: " + line);
        }
        return fields[index];
    }

    private static double parse(String number, String line) {
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("not a number in line: " + Arrays.toString(line.split("\t")), e);
        }
    }
}
