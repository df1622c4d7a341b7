package dev.earshot.text;

import java.util.List;

/**
 * A post's text split into sentences of tokens.
 *
 * @param sentences each sentence's tokens, in order
 */
public record AnalyzedText(String text, List<List<Token>> sentences) {

    public AnalyzedText {
        sentences = sentences.stream().map(List::copyOf).toList();
    }

    /** Every token of every sentence, in order. */
    public List<Token> tokens() {
        return sentences.stream().flatMap(List::stream).toList();
    }
}
