package dev.earshot.enrich.sentiment;

import dev.earshot.enrich.sentiment.SentimentLexicon.Term;
import dev.earshot.enrich.sentiment.SocialText.Unit;
import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.util.List;
import java.util.Set;

/**
 * VADER (Hutto &amp; Gilbert 2014) adapted to posts addressed to a city or a brand, scored on CoreNLP's tokens.
 *
 * <p>Each sentiment-bearing unit (word, emoji, emoticon, phrase) starts from its lexicon valence (-4..4), then
 * VADER's rules adjust it: boosters and dampeners up to three words before it, negation within three words
 * ("not happy"), capitals and elongation ("WORST", "baaad") as emphasis, and a "but" that halves what came before
 * and raises what follows by half. Unlike VADER's, a negation here does not reach past the end of its clause
 * (see {@link SocialText.Unit#clause()}): in "the bus never came, terrible" it is "came" that did not happen, and
 * "terrible" stays negative. The sum, pushed further by exclamation marks and repeated question marks, is
 * normalised to [-1, 1] by {@code sum / sqrt(sum^2 + 15)}. What {@link SocialText} does first (mentions, URLs,
 * hashtags, emoji, phrases such as "thanks for nothing") is what adapts it to social text, with these rules for
 * posts addressed to a brand or a city:
 * <ul>
 *   <li>a positive word the author does not assert counts nothing: asked about ("is the upgrade free?"), wished
 *       or supposed ("would be nice if"), or politeness in a post that asks ("can you help? thanks");</li>
 *   <li>a negated action with no sentiment word after it ("still haven't received it") and a "why" question are
 *       mildly negative: they report that something did not happen;</li>
 *   <li>negative expressions weigh 1.5 times positive ones (negativity bias, as in SO-CAL).</li>
 * </ul>
 * It reads words only, so CoreNLP's tokenizer is all it needs before it.
 *
 * <p>Confidence is how far the score lies inside its label's band, as a share of the band's width from the
 * threshold: 0 at a threshold, 1 at ±1 for a polar label, 1 at the band's middle for {@code NEUTRAL}. It is a
 * property of the score alone, so it is comparable across posts and reproducible.
 *
 * <p>Immutable and thread-safe; the lexicon is shared across instances.
 */
public final class SocialSentimentScorer implements SentimentScorer {

    /** The model name recorded in every {@link Sentiment}; bump it when scores change. */
    public static final String MODEL = "earshot-social-lexicon/3";
    /**
     * The scorer before a negation stopped at the end of its clause, kept for the trained models that learnt from
     * its output (see {@link #forTrainedModel}).
     */
    static final String MODEL_NEGATION_ACROSS_CLAUSES = "earshot-social-lexicon/2";

    // VADER's empirically derived constants.
    private static final double NEGATION_SCALAR = -0.74;
    private static final double EMPHASIS_INCREMENT = 0.733;
    private static final double[] BOOSTER_DISTANCE_WEIGHT = {1.0, 0.95, 0.9};
    private static final double NEVER_SO_SCALAR = 1.25;
    private static final double BEFORE_BUT_WEIGHT = 0.5;
    private static final double AFTER_BUT_WEIGHT = 1.5;
    private static final double EXCLAMATION_INCREMENT = 0.292;
    private static final int MAX_EXCLAMATIONS = 4;
    private static final double QUESTION_INCREMENT = 0.18;
    private static final int MAX_COUNTED_QUESTIONS = 3;
    private static final double MANY_QUESTIONS_INCREMENT = 0.96;
    private static final double NORMALISATION_ALPHA = 15;
    private static final int WINDOW = 3;

    // Earshot's social-text rules, each measured on the development half (even tweet_id) of the airline tweets.
    // Words before a positive one that make it wished or supposed rather than asserted ("would be nice").
    private static final Set<String> IRREALIS_CUES = Set.of("would", "could", "should", "if", "'d", "wish");
    private static final int IRREALIS_WINDOW = 4;
    // Gratitude and requests that are politeness next to a question ("can you check my booking? thanks").
    private static final Set<String> POLITENESS = Set.of("thanks", "thank", "thx", "tks", "thnx", "ty", "please",
            "pls", "plz");
    // A negated action with no sentiment word after it reports that something did not happen: "still haven't
    // received it", "didn't upgrade", "can't get through". Valence as VADER's mildly negative words.
    private static final double NEGATED_ACTION_VALENCE = -1.0;
    // "Why" in a question addressed to someone is a complaint: "why is my bag still in Denver?".
    private static final double WHY_QUESTION_VALENCE = -1.0;
    // Negativity bias: negative expressions weigh 1.5 times positive ones (SO-CAL, Taboada et al. 2011, which
    // found lexicon scorers lean positive), so that a complaint with a polite or sarcastic word stays negative.
    private static final double NEGATIVE_WEIGHT = 1.5;

    /** VADER's recommended thresholds: a compound score beyond ±0.05 has a polarity. */
    private static final SentimentParams VADER_THRESHOLDS = new SentimentParams(-0.05, 0.05);

    /** The model name of {@link #plainVader()}. */
    public static final String PLAIN_VADER_MODEL = "vader-plain/3.3.2";

    private final SentimentLexicon lexicon;
    private final SentimentParams params;
    private final boolean social;
    private final boolean negationWithinClause;
    private final String model;

    private SocialSentimentScorer(SentimentLexicon lexicon, SentimentParams params, boolean social,
            boolean negationWithinClause, String model) {
        this.lexicon = lexicon;
        this.params = params;
        this.social = social;
        this.negationWithinClause = negationWithinClause;
        this.model = model;
    }

    /** The scorer with the bundled lexicons and the default thresholds. */
    public static SocialSentimentScorer create() {
        return create(SentimentParams.defaults());
    }

    /** The scorer with the bundled lexicons and the given thresholds. */
    public static SocialSentimentScorer create(SentimentParams params) {
        if (params == null) {
            throw new IllegalArgumentException("params are required; use SentimentParams.defaults()");
        }
        return new SocialSentimentScorer(SentimentLexicon.bundled(), params, true, true, MODEL);
    }

    /**
     * The scorer whose output a trained model learnt from, by the name its file records, with the default
     * thresholds: this one, or for {@link #MODEL_NEGATION_ACROSS_CLAUSES} the same with VADER's negation reach, so
     * that such a model keeps scoring as it was trained. Null for a name this Earshot does not have.
     */
    static SocialSentimentScorer forTrainedModel(String lexiconModel) {
        return switch (lexiconModel) {
            case MODEL -> create();
            case MODEL_NEGATION_ACROSS_CLAUSES -> new SocialSentimentScorer(SentimentLexicon.bundled(),
                    SentimentParams.defaults(), true, false, MODEL_NEGATION_ACROSS_CLAUSES);
            default -> null;
        };
    }

    /**
     * The baseline Earshot is measured against: VADER's published lexicon and rules (the same rule engine as
     * above) with Earshot's social additions switched off, i.e. without {@code social_additions.tsv}, without the
     * rules for posts to a brand, reading the tokens as VADER does (see {@link SocialText#plain}) and with VADER's
     * thresholds of ±0.05. Not meant for the job.
     */
    public static SocialSentimentScorer plainVader() {
        return new SocialSentimentScorer(SentimentLexicon.vaderOnly(), VADER_THRESHOLDS, false, false,
                PLAIN_VADER_MODEL);
    }

    /** The model name recorded in every {@link Sentiment} this scorer gives. */
    String model() {
        return model;
    }

    /** Tokenizes the text with CoreNLP's tokenizer (all this scorer reads), then scores it. */
    public Sentiment score(String text) {
        return score(CoreNlpTextAnalyzer.tokenizer().analyze(text));
    }

    @Override
    public Sentiment score(AnalyzedText text) {
        SocialText reading = social ? SocialText.of(text, lexicon) : SocialText.plain(text, lexicon);
        double sum = sumOfValences(reading);
        double punctuation = punctuationEmphasis(reading);
        if (sum > 0) {
            sum += punctuation;
        } else if (sum < 0) {
            sum -= punctuation;
        }
        double score = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA)));
        SentimentLabel label = label(score);
        return new Sentiment(score, label, confidence(score, label), model);
    }

    private double sumOfValences(SocialText social) {
        List<Unit> units = social.units();
        int but = -1;
        for (int i = 0; i < units.size() && but < 0; i++) {
            if (units.get(i).key().equals("but")) {
                but = i;
            }
        }
        boolean asks = social.questions() > 0;
        double sum = 0;
        for (int i = 0; i < units.size(); i++) {
            double valence = valence(units, i, social.capsDifferential());
            if (this.social && valence > 0) {
                valence *= unassertedWeight(units, i, asks);
            } else if (this.social && valence == 0) {
                valence = failureValence(units, i);
            }
            if (but >= 0 && i != but) {
                // The clause after "but" is what the author means: "nice people but useless service".
                valence *= i < but ? BEFORE_BUT_WEIGHT : AFTER_BUT_WEIGHT;
            }
            if (this.social && valence < 0) {
                valence *= NEGATIVE_WEIGHT;
            }
            sum += valence;
        }
        return sum;
    }

    private double valence(List<Unit> units, int i, boolean capsDifferential) {
        Unit unit = units.get(i);
        Term term = unit.term();
        if (!term.hasValence() || term.isBooster()) {
            return 0;
        }
        double valence = term.valence();
        if (unit.key().equals("no") && i + 1 < units.size() && inNegationScope(units, i, i + 1)
                && units.get(i + 1).term().hasValence()) {
            valence = 0; // "no" before a sentiment word negates it ("no good") rather than adding its own -1.2
        }
        if (precededByNo(units, i)) {
            valence = term.valence() * NEGATION_SCALAR;
        }
        if (unit.elongated() || unit.capitalised() && capsDifferential) {
            valence += Math.signum(valence) * EMPHASIS_INCREMENT;
        }
        for (int distance = 1; distance <= WINDOW; distance++) {
            int j = i - distance;
            if (j < 0 || !sameSentence(units, j, i)) {
                break;
            }
            Unit before = units.get(j);
            if (before.term().hasValence()) {
                continue; // a sentiment word before this one counts on its own, it does not modify this one
            }
            valence += boosterScalar(before, valence, capsDifferential) * BOOSTER_DISTANCE_WEIGHT[distance - 1];
            if (before.term().negation() && inNegationScope(units, j, i)) {
                valence *= negationFactor(units, j, i);
            }
        }
        if (i > 0 && inNegationScope(units, i - 1, i) && units.get(i - 1).key().equals("least")
                && !(i > 1 && inNegationScope(units, i - 2, i) && isAny(units.get(i - 2).key(), "at", "very"))) {
            valence *= NEGATION_SCALAR; // "least happy", but not "at least happy"
        }
        return valence;
    }

    /**
     * What is left of a positive word that the author does not assert: asked about ("is the upgrade free?"),
     * wished or supposed ("would be nice if", "if only it were on time"), or said as politeness next to a
     * question ("can you check my booking? thanks").
     */
    private static double unassertedWeight(List<Unit> units, int i, boolean asks) {
        Unit unit = units.get(i);
        if (asks && POLITENESS.contains(unit.key()) || unit.inQuestion()) {
            return 0;
        }
        for (int j = i - 1; j >= 0 && j >= i - IRREALIS_WINDOW && sameSentence(units, j, i); j--) {
            if (IRREALIS_CUES.contains(units.get(j).key())) {
                return 0;
            }
        }
        return 1;
    }

    /** The valence of a word without its own: a complaining "why?" or a negated action (see the constants). */
    private double failureValence(List<Unit> units, int i) {
        Unit unit = units.get(i);
        if (unit.key().equals("why") && unit.inQuestion()) {
            return WHY_QUESTION_VALENCE;
        }
        if (unit.term().negation() && !unit.term().hasValence()) {
            for (int j = i + 1; j <= i + WINDOW && j < units.size() && inNegationScope(units, i, j); j++) {
                if (units.get(j).term().hasValence() || units.get(j).term().negation()) {
                    return 0;
                }
            }
            return NEGATED_ACTION_VALENCE;
        }
        return 0;
    }

    private boolean precededByNo(List<Unit> units, int i) {
        return isNoAt(units, i - 1, i) || isNoAt(units, i - 2, i)
                || isNoAt(units, i - 3, i) && isAny(units.get(i - 1).key(), "or", "nor");
    }

    private boolean isNoAt(List<Unit> units, int j, int i) {
        return j >= 0 && inNegationScope(units, j, i) && units.get(j).key().equals("no");
    }

    private static double boosterScalar(Unit booster, double valence, boolean capsDifferential) {
        double scalar = booster.term().booster();
        if (scalar == 0) {
            return 0;
        }
        if (valence < 0) {
            scalar = -scalar;
        }
        if (booster.elongated() || booster.capitalised() && capsDifferential) {
            scalar += valence > 0 ? EMPHASIS_INCREMENT : -EMPHASIS_INCREMENT;
        }
        return scalar;
    }

    /**
     * "never so good" and "without doubt good" praise; a negation of an intervening verb ("not collected
     * again!") leaves the word alone; any other negation flips and softens.
     */
    private static double negationFactor(List<Unit> units, int negation, int i) {
        String negator = units.get(negation).key();
        for (int between = negation + 1; between < i; between++) {
            if (units.get(between).endsNegationScope()) {
                return 1;
            }
            String word = units.get(between).key();
            if (negator.equals("never") && isAny(word, "so", "this")) {
                return NEVER_SO_SCALAR;
            }
            if (negator.equals("without") && word.equals("doubt")) {
                return 1;
            }
        }
        return NEGATION_SCALAR;
    }

    private static double punctuationEmphasis(SocialText social) {
        double emphasis = Math.min(social.exclamations(), MAX_EXCLAMATIONS) * EXCLAMATION_INCREMENT;
        int questions = social.questions();
        if (questions > 1) {
            emphasis += questions <= MAX_COUNTED_QUESTIONS ? questions * QUESTION_INCREMENT
                    : MANY_QUESTIONS_INCREMENT;
        }
        return emphasis;
    }

    private SentimentLabel label(double score) {
        if (score < params.negativeBelow()) {
            return SentimentLabel.NEGATIVE;
        }
        return score > params.positiveAbove() ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
    }

    private double confidence(double score, SentimentLabel label) {
        double confidence = switch (label) {
            case POSITIVE -> (score - params.positiveAbove()) / (1 - params.positiveAbove());
            case NEGATIVE -> (params.negativeBelow() - score) / (1 + params.negativeBelow());
            case NEUTRAL -> {
                double halfWidth = (params.positiveAbove() - params.negativeBelow()) / 2;
                double middle = (params.positiveAbove() + params.negativeBelow()) / 2;
                yield halfWidth == 0 ? 1 : 1 - Math.abs(score - middle) / halfWidth;
            }
        };
        return Math.max(0, Math.min(1, confidence));
    }

    private static boolean sameSentence(List<Unit> units, int j, int i) {
        return units.get(j).sentence() == units.get(i).sentence();
    }

    /** Whether a negation at {@code negation} reaches the unit at {@code i}: in its clause (VADER: its sentence). */
    private boolean inNegationScope(List<Unit> units, int negation, int i) {
        return negationWithinClause ? units.get(negation).clause() == units.get(i).clause()
                : sameSentence(units, negation, i);
    }

    private static boolean isAny(String key, String first, String second) {
        return key.equals(first) || key.equals(second);
    }
}
