package dev.earshot.text;

/** Splits a post's text into sentences and tokens with lemmas and part-of-speech tags. */
public interface TextAnalyzer {

    AnalyzedText analyze(String text);
}
