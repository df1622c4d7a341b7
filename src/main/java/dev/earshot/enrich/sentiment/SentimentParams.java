package dev.earshot.enrich.sentiment;

import java.io.Serializable;
/**
 * Where the labels start on the score scale [-1, 1].
 *
 * @param negativeBelow scores below this are {@code NEGATIVE}
 * @param positiveAbove scores above this are {@code POSITIVE}; scores in between are {@code NEUTRAL}
 */
public record SentimentParams(double negativeBelow, double positiveAbove) implements Serializable {

    /**
     * Negative below -0.05 as VADER recommends; positive above 0.30, chosen on the development half of the airline
     * tweets: a post to a brand often carries a polite or hedged positive word without being positive.
     */
    public static SentimentParams defaults() {
        return new SentimentParams(-0.05, 0.30);
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
