package dev.earshot.enrich.sentiment;

import dev.earshot.model.Sentiment;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a post into the features of the trained sentiment model:
 * <ul>
 *   <li>word unigrams and bigrams (within a sentence) of the normalised tokens: lower case, "sooooo" as "soo",
 *       any mention as {@code @user}, any link as {@code http}, a hashtag as itself and as its split words;</li>
 *   <li>character n-grams of each normalised token padded with spaces, so that "#delayed", "delays" and
 *       "delaaayed" share features and misspellings still count;</li>
 *   <li>the social lexicon scorer's output: its score, its positive and negative parts and its label, so that
 *       the model starts from what the rules know and learns where a domain differs.</li>
 * </ul>
 * N-grams are hashed into {@code 2^hashBits} buckets (no vocabulary to store); each group is scaled to unit
 * length so that long posts do not outweigh short ones. Thread-safe.
 *
 * @param hashBits log2 of the number of hashed buckets
 * @param charMin shortest character n-gram
 * @param charMax longest character n-gram
 */
record SentimentFeatures(int hashBits, int charMin, int charMax) {

    /** The lexicon features come after the hashed buckets. */
    static final int LEXICON_FEATURES = 6;

    private static final int WORD_SEED = 0x2f0b3c1d;
    private static final int BIGRAM_SEED = 0x5a1e77c3;
    private static final int CHAR_SEED = 0x13579bdf;
    private static final int FNV_PRIME = 0x01000193;

    SentimentFeatures {
        if (hashBits < 10 || hashBits > 26 || charMin < 1 || charMax < charMin || charMax > 8) {
            throw new IllegalArgumentException("need 10 <= hashBits <= 26 and 1 <= charMin <= charMax <= 8, were "
                    + hashBits + ", " + charMin + ", " + charMax);
        }
    }

    /** How many features there are: the hashed buckets, then the lexicon features. */
    int dimension() {
        return (1 << hashBits) + LEXICON_FEATURES;
    }

    SparseVector of(AnalyzedText text, Sentiment lexicon) {
        int mask = (1 << hashBits) - 1;
        SparseVector.Builder features = new SparseVector.Builder();
        List<String> tokens = new ArrayList<>();
        for (List<Token> sentence : text.sentences()) {
            int previous = 0;
            boolean first = true;
            for (Token token : sentence) {
                String word = normalised(token);
                int state = fnv(word, WORD_SEED);
                features.add(finish(state) & mask, 1);
                if (!first) {
                    features.add(finish(fnv(word, previous * FNV_PRIME ^ BIGRAM_SEED)) & mask, 1);
                }
                previous = state;
                first = false;
                tokens.add(word);
                if (isHashtag(token.word())) {
                    for (String part : SocialText.hashtagWords(token.word().substring(1))) {
                        features.add(finish(fnv(part.toLowerCase(Locale.ROOT), WORD_SEED)) & mask, 1);
                    }
                }
            }
        }
        features.scaleFrom(0, (float) (1 / Math.sqrt(Math.max(1, features.size()))));
        int charsFrom = features.size();
        for (String token : tokens) {
            addCharNgrams(" " + token + " ", mask, features);
        }
        features.scaleFrom(charsFrom, (float) (1 / Math.sqrt(Math.max(1, features.size() - charsFrom))));
        int lexiconBase = mask + 1;
        double score = lexicon.score();
        features.add(lexiconBase, (float) score);
        features.add(lexiconBase + 1, (float) Math.max(0, score));
        features.add(lexiconBase + 2, (float) Math.max(0, -score));
        features.add(lexiconBase + 3 + lexicon.label().ordinal(), 1);
        return features.build();
    }

    private void addCharNgrams(String padded, int mask, SparseVector.Builder features) {
        for (int start = 0; start < padded.length(); start++) {
            int state = CHAR_SEED;
            for (int length = 1; length <= charMax && start + length <= padded.length(); length++) {
                state = (state ^ padded.charAt(start + length - 1)) * FNV_PRIME;
                if (length >= charMin) {
                    features.add(finish(state ^ length) & mask, 1);
                }
            }
        }
    }

    static String normalised(Token token) {
        String word = token.word();
        if (word.length() > 1 && word.charAt(0) == '@') {
            return "@user";
        }
        if (token.pos().equals("ADD") || word.startsWith("http://") || word.startsWith("https://")
                || word.startsWith("www.")) {
            return "http";
        }
        return squeezeRuns(word.toLowerCase(Locale.ROOT));
    }

    private static boolean isHashtag(String word) {
        return word.length() > 1 && word.charAt(0) == '#' && Character.isLetterOrDigit(word.codePointAt(1));
    }

    /** "sooooo" as "soo": elongation is kept as a sign of emphasis, but any length of it is the same word. */
    private static String squeezeRuns(String word) {
        StringBuilder squeezed = null;
        for (int i = 0; i < word.length(); i++) {
            boolean third = i >= 2 && word.charAt(i) == word.charAt(i - 1) && word.charAt(i) == word.charAt(i - 2);
            if (third && squeezed == null) {
                squeezed = new StringBuilder(word.substring(0, i));
            } else if (!third && squeezed != null) {
                squeezed.append(word.charAt(i));
            }
        }
        return squeezed == null ? word : squeezed.toString();
    }

    private static int fnv(String text, int state) {
        for (int i = 0; i < text.length(); i++) {
            state = (state ^ text.charAt(i)) * FNV_PRIME;
        }
        return state;
    }

    /** MurmurHash3's finaliser: spreads FNV's state over all bits before masking. */
    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
