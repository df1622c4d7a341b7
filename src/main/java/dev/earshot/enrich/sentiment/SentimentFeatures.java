package dev.earshot.enrich.sentiment;

import dev.earshot.model.Sentiment;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.Token;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a post into the features of the trained sentiment model:
 * <ul>
 *   <li>word unigrams and bigrams (within a sentence) of the normalised tokens: lower case, "sooooo" as "soo",
 *       digits as 0, any mention as {@code @user}, any link as {@code http}, a hashtag as itself and as its split
 *       words;</li>
 *   <li>character n-grams of each normalised token padded with spaces, so that "#delayed", "delays" and
 *       "delaaayed" share features and misspellings still count;</li>
 *   <li>the social lexicon scorer's output: its score, its positive and negative parts and its label, so that
 *       the model starts from what the rules know and learns where a domain differs.</li>
 * </ul>
 * N-grams are hashed into {@code 2^hashBits} buckets (no vocabulary to store). As in a TF-IDF vectoriser, a
 * bucket's value is {@code (1 + ln count) * idf}, and the word group and the character group are each scaled to
 * unit length, so that long posts do not outweigh short ones. Thread-safe.
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
    private static final double[] SUBLINEAR = new double[64];

    static {
        for (int count = 1; count < SUBLINEAR.length; count++) {
            SUBLINEAR[count] = 1 + Math.log(count);
        }
    }

    /**
     * A post's hashed n-grams before weighting: each group's distinct buckets in ascending order with their counts.
     */
    record Counts(int[] wordBuckets, int[] wordCounts, int[] charBuckets, int[] charCounts) {
    }

    SentimentFeatures {
        if (hashBits < 10 || hashBits > 26 || charMin < 1 || charMax < charMin || charMax > 8) {
            throw new IllegalArgumentException("need 10 <= hashBits <= 26 and 1 <= charMin <= charMax <= 8, were "
                    + hashBits + ", " + charMin + ", " + charMax);
        }
    }

    /** How many hashed buckets there are. */
    int buckets() {
        return 1 << hashBits;
    }

    /** How many features there are: the hashed buckets, then the lexicon features. */
    int dimension() {
        return buckets() + LEXICON_FEATURES;
    }

    Counts counts(AnalyzedText text) {
        int mask = buckets() - 1;
        IntList words = new IntList();
        IntList chars = new IntList();
        for (List<Token> sentence : text.sentences()) {
            int previous = 0;
            boolean first = true;
            for (Token token : sentence) {
                String word = normalised(token);
                int state = fnv(word, WORD_SEED);
                words.add(finish(state) & mask);
                if (!first) {
                    words.add(finish(fnv(word, previous * FNV_PRIME ^ BIGRAM_SEED)) & mask);
                }
                previous = state;
                first = false;
                addCharNgrams(word, mask, chars);
                if (isHashtag(token.word())) {
                    for (String part : SocialText.hashtagWords(token.word().substring(1))) {
                        words.add(finish(fnv(part.toLowerCase(Locale.ROOT), WORD_SEED)) & mask);
                    }
                }
            }
        }
        int[][] wordGroup = words.countDistinct(hashBits);
        int[][] charGroup = chars.countDistinct(hashBits);
        return new Counts(wordGroup[0], wordGroup[1], charGroup[0], charGroup[1]);
    }

    /**
     * The feature vector of a post.
     *
     * @param idf each bucket's inverse document frequency, {@link #buckets()} long
     */
    SparseVector vector(Counts counts, float[] idf, Sentiment lexicon) {
        return vector(counts, idf, lexicon, 1);
    }

    /** The feature vector of a post with the lexicon features multiplied by {@code lexiconScale}, for training. */
    SparseVector vector(Counts counts, float[] idf, Sentiment lexicon, float lexiconScale) {
        SparseVector.Builder features = new SparseVector.Builder();
        addGroup(counts.wordBuckets(), counts.wordCounts(), idf, features);
        addGroup(counts.charBuckets(), counts.charCounts(), idf, features);
        int lexiconBase = buckets();
        double score = lexicon.score();
        features.add(lexiconBase, (float) score * lexiconScale);
        features.add(lexiconBase + 1, (float) Math.max(0, score) * lexiconScale);
        features.add(lexiconBase + 2, (float) Math.max(0, -score) * lexiconScale);
        features.add(lexiconBase + 3 + lexicon.label().ordinal(), lexiconScale);
        return features.build();
    }

    /**
     * Smoothed inverse document frequencies as scikit-learn computes them, {@code ln((1 + n) / (1 + df)) + 1}; a
     * bucket no post had gets the largest value, {@code ln(1 + n) + 1}.
     */
    static float[] idf(int[] documentFrequency, int documents) {
        float[] idf = new float[documentFrequency.length];
        for (int bucket = 0; bucket < idf.length; bucket++) {
            idf[bucket] = (float) (Math.log((1.0 + documents) / (1.0 + documentFrequency[bucket])) + 1);
        }
        return idf;
    }

    private static void addGroup(int[] buckets, int[] counts, float[] idf, SparseVector.Builder features) {
        int from = features.size();
        double squares = 0;
        for (int i = 0; i < buckets.length; i++) {
            float value = (float) (sublinear(counts[i]) * idf[buckets[i]]);
            features.add(buckets[i], value);
            squares += value * value;
        }
        if (squares > 0) {
            features.scaleFrom(from, (float) (1 / Math.sqrt(squares)));
        }
    }

    /** {@code 1 + ln count}, looked up for the small counts that nearly every bucket has. */
    private static double sublinear(int count) {
        return count < SUBLINEAR.length ? SUBLINEAR[count] : 1 + Math.log(count);
    }

    /** The character n-grams of the word padded with a space either side, without building the padded string. */
    private void addCharNgrams(String word, int mask, IntList chars) {
        int padded = word.length() + 2;
        for (int start = 0; start < padded; start++) {
            int state = CHAR_SEED;
            for (int length = 1; length <= charMax && start + length <= padded; length++) {
                int at = start + length - 1;
                state = (state ^ (at == 0 || at == padded - 1 ? ' ' : word.charAt(at - 1))) * FNV_PRIME;
                if (length >= charMin) {
                    chars.add(finish(state ^ length) & mask);
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
        return squeezeRuns(zeroDigits(word.toLowerCase(Locale.ROOT)));
    }

    /** Flight numbers, times and prices: "flight 1234" and "flight 5678" are the same kind of post. */
    private static String zeroDigits(String word) {
        char[] chars = null;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= '1' && c <= '9') {
                if (chars == null) {
                    chars = word.toCharArray();
                }
                chars[i] = '0';
            }
        }
        return chars == null ? word : new String(chars);
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

    /** A growable list of ints, to count a post's buckets without boxing. */
    private static final class IntList {

        private static final int RADIX_BITS = 8;
        private static final int RADIX = 1 << RADIX_BITS;

        private int[] values = new int[256];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        /** The distinct values (all below {@code 2^bits}) in ascending order, and how often each occurs. */
        int[][] countDistinct(int bits) {
            int[] sorted = radixSorted(bits);
            int[] distinct = new int[size];
            int[] counts = new int[size];
            int n = 0;
            for (int value : sorted) {
                if (n > 0 && distinct[n - 1] == value) {
                    counts[n - 1]++;
                } else {
                    distinct[n] = value;
                    counts[n++] = 1;
                }
            }
            return new int[][] {Arrays.copyOf(distinct, n), Arrays.copyOf(counts, n)};
        }

        /**
         * The values in ascending order by least-significant-digit radix sort, 8 bits a pass: a post has hundreds
         * of n-grams, which this sorts several times faster than a comparison sort.
         */
        private int[] radixSorted(int bits) {
            int[] from = Arrays.copyOf(values, size);
            int[] to = new int[size];
            int[] starts = new int[RADIX];
            for (int shift = 0; shift < bits; shift += RADIX_BITS) {
                Arrays.fill(starts, 0);
                for (int i = 0; i < size; i++) {
                    starts[(from[i] >>> shift) & (RADIX - 1)]++;
                }
                int start = 0;
                for (int digit = 0; digit < RADIX; digit++) {
                    int count = starts[digit];
                    starts[digit] = start;
                    start += count;
                }
                for (int i = 0; i < size; i++) {
                    to[starts[(from[i] >>> shift) & (RADIX - 1)]++] = from[i];
                }
                int[] swap = from;
                from = to;
                to = swap;
            }
            return from;
        }
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
