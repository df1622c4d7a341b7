package dev.earshot.model;

/**
 * How a post feels.
 *
 * @param score from -1 (most negative) to 1 (most positive)
 * @param label the class the score falls in
 * @param confidence from 0 to 1, how sure the model is of the label
 * @param model which model scored it, with its version, e.g. {@code earshot-social-lexicon/1}
 */
public record Sentiment(double score, SentimentLabel label, double confidence, String model) {

    public Sentiment {
        if (!(score >= -1 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [-1, 1], was " + score);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
        if (label == null || model == null) {
            throw new IllegalArgumentException("label and model are required");
        }
    }
}
