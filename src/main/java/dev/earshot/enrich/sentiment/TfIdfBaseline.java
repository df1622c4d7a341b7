package dev.earshot.enrich.sentiment;

import dev.earshot.model.SentimentLabel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The textbook text classifier that a trained sentiment model must beat: TF-IDF of word uni- and bigrams and of
 * character 2-5-grams within words, as scikit-learn's {@code TfidfVectorizer} makes them by default (tokens
 * {@code \b\w\w+\b} of the lower-cased text, smoothed idf, each group scaled to unit length), fed to the same
 * multinomial logistic regression with the adapted model's training settings, unweighted. It knows nothing of
 * social text or of the lexicon. For the evaluation only; immutable once trained.
 */
public final class TfIdfBaseline {

    private static final Pattern WORD = Pattern.compile("\\b\\w\\w+\\b", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final int CHAR_MIN = 2;
    private static final int CHAR_MAX = 5;
    private static final List<SentimentLabel> CLASSES = List.of(SentimentLabel.values());

    private final Map<String, Integer> vocabulary;
    private final float[] idf;
    private final LogisticRegression regression;

    private TfIdfBaseline(Map<String, Integer> vocabulary, float[] idf, LogisticRegression regression) {
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.regression = regression;
    }

    public static TfIdfBaseline train(List<String> texts, List<SentimentLabel> labels, long seed) {
        Map<String, Integer> vocabulary = new HashMap<>();
        List<Integer> documentFrequency = new ArrayList<>();
        for (String text : texts) {
            for (String term : terms(text).keySet()) {
                Integer index = vocabulary.putIfAbsent(term, vocabulary.size());
                if (index == null) {
                    documentFrequency.add(1);
                } else {
                    documentFrequency.set(index, documentFrequency.get(index) + 1);
                }
            }
        }
        float[] idf = new float[vocabulary.size()];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = (float) (Math.log((1.0 + texts.size()) / (1.0 + documentFrequency.get(i))) + 1);
        }
        TfIdfBaseline untrained = new TfIdfBaseline(vocabulary, idf, null);
        List<SparseVector> examples = texts.stream().map(untrained::vector).toList();
        LogisticRegression.Training training = new LogisticRegression.Training(15, 0.1, 1e-5, seed, false);
        LogisticRegression regression = LogisticRegression.train(examples,
                labels.stream().mapToInt(SentimentLabel::ordinal).toArray(), CLASSES.size(), idf.length, training);
        return new TfIdfBaseline(vocabulary, idf, regression);
    }

    public SentimentLabel classify(String text) {
        double[] p = regression.probabilities(vector(text));
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return CLASSES.get(best);
    }

    private SparseVector vector(String text) {
        Map<String, Integer> terms = terms(text);
        SparseVector.Builder vector = new SparseVector.Builder();
        addGroup(terms, 'w', vector);
        addGroup(terms, 'c', vector);
        return vector.build();
    }

    /** Adds the tf-idf of one group of terms, scaled to unit length. */
    private void addGroup(Map<String, Integer> terms, char group, SparseVector.Builder vector) {
        int from = vector.size();
        double squares = 0;
        for (Map.Entry<String, Integer> term : terms.entrySet()) {
            Integer index = term.getKey().charAt(0) == group ? vocabulary.get(term.getKey()) : null;
            if (index != null) {
                float value = term.getValue() * idf[index];
                vector.add(index, value);
                squares += value * value;
            }
        }
        if (squares > 0) {
            vector.scaleFrom(from, (float) (1 / Math.sqrt(squares)));
        }
    }

    /** Counts of the post's terms, keyed {@code w:} for word n-grams and {@code c:} for character n-grams. */
    static Map<String, Integer> terms(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Map<String, Integer> counts = new HashMap<>();
        Matcher words = WORD.matcher(lower);
        String previous = null;
        while (words.find()) {
            String word = words.group();
            counts.merge("w:" + word, 1, Integer::sum);
            if (previous != null) {
                counts.merge("w:" + previous + " " + word, 1, Integer::sum);
            }
            previous = word;
        }
        for (String word : SPACE.split(lower)) {
            if (word.isEmpty()) {
                continue;
            }
            String padded = " " + word + " ";
            for (int n = CHAR_MIN; n <= CHAR_MAX; n++) {
                for (int start = 0; start + n <= padded.length(); start++) {
                    counts.merge("c:" + padded.substring(start, start + n), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
