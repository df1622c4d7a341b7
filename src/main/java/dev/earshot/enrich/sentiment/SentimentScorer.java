package dev.earshot.enrich.sentiment;

import dev.earshot.model.Sentiment;
import dev.earshot.text.AnalyzedText;

/** Tells how a post feels from its analyzed text. Implementations are thread-safe. */
public interface SentimentScorer {

    Sentiment score(AnalyzedText text);
}
