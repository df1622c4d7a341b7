package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.enrich.Enricher;
import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.LocationResolver;
import dev.earshot.enrich.sentiment.SocialSentimentScorer;
import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TopicMatcher;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.Post;
import dev.earshot.text.CoreNlpTextAnalyzer;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Sentiment, topics and location for each post. The models load once per task manager JVM. */
final class EnrichPosts extends RichMapFunction<Post, EnrichedPost> {

    private final EarshotConfig.Enrich settings;
    private final String taxonomyYaml;
    private transient Enricher enricher;
    private transient LongCounter enriched;

    /** @param taxonomy read and validated by the client at start-up, shipped to the tasks as its YAML */
    EnrichPosts(EarshotConfig.Enrich settings, Taxonomy taxonomy) {
        this.settings = settings;
        this.taxonomyYaml = taxonomy.yaml();
    }

    @Override
    public void open(OpenContext openContext) {
        CoreNlpTextAnalyzer analyzer = CoreNlpTextAnalyzer.shared();
        enricher = new Enricher(analyzer, SocialSentimentScorer.create(settings.sentiment()),
                TopicMatcher.compile(Taxonomy.parse(taxonomyYaml), analyzer),
                new LocationResolver(Gazetteer.bundled(), settings.location()));
        enriched = getRuntimeContext().getLongCounter(Counters.POSTS_ENRICHED);
    }

    @Override
    public EnrichedPost map(Post post) {
        enriched.add(1);
        return enricher.enrich(post);
    }
}
