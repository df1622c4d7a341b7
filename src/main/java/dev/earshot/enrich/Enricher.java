package dev.earshot.enrich;

import dev.earshot.enrich.location.LocationResolver;
import dev.earshot.enrich.sentiment.SentimentScorer;
import dev.earshot.enrich.topics.TopicMatcher;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.Post;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.TextAnalyzer;

/**
 * Understands one post: its text is analyzed once (CoreNLP tokens, lemmas, tags) and that analysis serves both
 * sentiment and topics; location reads the post's geotag, place, text and profile.
 */
public final class Enricher {

    private final TextAnalyzer analyzer;
    private final SentimentScorer sentiment;
    private final TopicMatcher topics;
    private final LocationResolver locations;

    public Enricher(TextAnalyzer analyzer, SentimentScorer sentiment, TopicMatcher topics, LocationResolver locations) {
        this.analyzer = analyzer;
        this.sentiment = sentiment;
        this.topics = topics;
        this.locations = locations;
    }

    public EnrichedPost enrich(Post post) {
        AnalyzedText text = analyzer.analyze(post.text());
        return new EnrichedPost(post, sentiment.score(text), topics.match(text, post), locations.resolve(post).orElse(null),
                ContentTerms.of(text));
    }
}
