package dev.earshot.parse;

import java.io.Serializable;
/**
 * Limits the parser enforces on every record.
 *
 * @param maxTextChars posts with longer text are dead letters: a sane social or forum post is far shorter, and a
 *     runaway record would otherwise cost every later stage
 */
public record ParseParams(int maxTextChars) implements Serializable {

    public ParseParams {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("parse.maxTextChars must be at least 1, was " + maxTextChars);
        }
    }

    public static ParseParams defaults() {
        return new ParseParams(10_000);
    }
}
