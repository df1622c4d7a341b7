package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.enrich.Enricher;
import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.LocationResolver;
import dev.earshot.enrich.sentiment.SentimentScorer;
import dev.earshot.enrich.sentiment.SocialSentimentScorer;
import dev.earshot.enrich.sentiment.TrainedSentimentScorer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TopicMatcher;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.Post;
import dev.earshot.text.CoreNlpTextAnalyzer;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sentiment, topics and location for each post. The models load once per task manager JVM. A post that makes
 * an enricher fail becomes a dead letter rather than failing the job: one odd post must not stop the stream.
 */
final class EnrichPosts extends ProcessFunction<Post, EnrichedPost> {

    static final OutputTag<DeadLetter> FAILED = new OutputTag<>("enrichment-failed", Types.DEAD_LETTER);

    private final EarshotConfig.Enrich settings;
    private final String taxonomyYaml;
    private final byte[] sentimentModel;
    private transient Enricher enricher;
    private transient LongCounter enriched;
    private transient LongCounter failed;

    /**
     * @param taxonomy read and validated by the client at start-up, shipped to the tasks as its YAML
     * @param sentimentModel a trained model's file content, likewise checked by the client, or null for the lexicon
     */
    EnrichPosts(EarshotConfig.Enrich settings, Taxonomy taxonomy, byte[] sentimentModel) {
        this.settings = settings;
        this.taxonomyYaml = taxonomy.yaml();
        this.sentimentModel = sentimentModel;
    }

    @Override
    public void open(OpenContext openContext) throws IOException {
        CoreNlpTextAnalyzer analyzer = CoreNlpTextAnalyzer.shared();
        SentimentScorer sentiment = sentimentModel == null
                ? SocialSentimentScorer.create(settings.sentiment())
                : TrainedSentimentScorer.load(new ByteArrayInputStream(sentimentModel));
        enricher = new Enricher(analyzer, sentiment,
                TopicMatcher.compile(Taxonomy.parse(taxonomyYaml), analyzer),
                new LocationResolver(Gazetteer.bundled(), settings.location()));
        enriched = getRuntimeContext().getLongCounter(Counters.POSTS_ENRICHED);
        failed = getRuntimeContext().getLongCounter(Counters.DEAD_LETTERS);
    }

    @Override
    public void processElement(Post post, Context ctx, Collector<EnrichedPost> out) {
        EnrichedPost result;
        try {
            result = enricher.enrich(post);
        } catch (RuntimeException e) {
            failed.add(1);
            ctx.output(FAILED, new DeadLetter(Json.write(post), "enrichment failed: " + e, "enrich", post.id(), Instant.now()));
            return;
        }
        enriched.add(1);
        out.collect(result);
    }
}
