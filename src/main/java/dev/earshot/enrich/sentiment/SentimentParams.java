package dev.earshot.enrich.sentiment;

import java.io.Serializable;
/**
 * Where the labels start on the score scale [-1, 1].
 *
 * @param negativeBelow scores below this are {@code NEGATIVE}
 * @param positiveAbove scores above this are {@code POSITIVE}; scores in between are {@code NEUTRAL}
 */
public record SentimentParams(double negativeBelow, double positiveAbove) implements Serializable {

    /** VADER's recommended thresholds: a compound score beyond ±0.05 has a polarity. */
    public static SentimentParams defaults() {
        return new SentimentParams(-0.05, 0.05);
    }

    public SentimentParams {
        if (!(negativeBelow > -1 && negativeBelow <= 0)) {
            throw new IllegalArgumentException(
                    "negativeBelow must be in (-1, 0], was " + negativeBelow + "; use e.g. -0.05");
        }
        if (!(positiveAbove >= 0 && positiveAbove < 1)) {
            throw new IllegalArgumentException(
                    "positiveAbove must be in [0, 1), was " + positiveAbove + "; use e.g. 0.05");
        }
    }
}
