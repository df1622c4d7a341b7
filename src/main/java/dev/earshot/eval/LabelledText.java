package dev.earshot.eval;

import dev.earshot.model.SentimentLabel;

/** A post's text with the sentiment a person gave it. */
public record LabelledText(String text, SentimentLabel label) {

    public LabelledText {
        if (text == null || label == null) {
            throw new IllegalArgumentException("text and label are required");
        }
    }
}
