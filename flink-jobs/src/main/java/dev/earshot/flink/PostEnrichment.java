package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.enrich.Enricher;
import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.LocationResolver;
import dev.earshot.enrich.sentiment.SentimentScorer;
import dev.earshot.enrich.sentiment.SocialSentimentScorer;
import dev.earshot.enrich.sentiment.TrainedSentimentScorer;
import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TopicMatcher;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.Post;
import dev.earshot.text.CoreNlpTextAnalyzer;
import dev.earshot.text.TextAnalyzer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich step's work on each post, whichever operator runs it: {@link EnrichPosts} where the taxonomy can change
 * while the job runs, {@link EnrichPostsFixedTaxonomy} where it cannot. Sentiment, topics and location for each post;
 * the models load once per task manager JVM. A post that makes an enricher fail becomes a dead letter rather than
 * failing the job: one odd post must not stop the stream. Edits are enriched like posts, and counted here as applied:
 * past deduplication and the language scope, each goes on to replace its post's stored version. Deletions pass
 * through, keeping their place behind their post.
 */
final class PostEnrichment implements Serializable {

    private static final long serialVersionUID = 1L;

    static final OutputTag<DeadLetter> FAILED = new OutputTag<>("enrichment-failed", Types.DEAD_LETTER);
    static final String EVENT_TIME_LAG = "eventTimeLagMillis";

    private static final Logger LOG = LoggerFactory.getLogger(PostEnrichment.class);

    private final EarshotConfig.Enrich settings;
    private final String startupTaxonomy;
    private final byte[] sentimentModel;
    private transient RuntimeContext context;
    private transient CoreNlpTextAnalyzer analyzer;
    private transient TextAnalyzer postAnalyzer;
    private transient SentimentScorer sentiment;
    private transient LocationResolver locations;
    private transient Enricher enricher;
    private transient String taxonomyInForce;
    private transient JobCounter enriched;
    private transient JobCounter editsApplied;
    private transient JobCounter failed;
    private transient JobCounter postsFailed;
    /** The event time of the newest first version seen, read by the lag gauge on the reporter's thread. */
    private transient volatile long newestPostMillis;

    /**
     * @param resources read and checked by the client at start-up; the taxonomy is shipped to the tasks as its YAML,
     *     the model as its file content
     */
    PostEnrichment(EarshotConfig.Enrich settings, EnrichResources resources) {
        this.settings = settings;
        this.startupTaxonomy = resources.taxonomy().yaml();
        this.sentimentModel = resources.sentimentModel();
    }

    void open(RuntimeContext runtimeContext) throws IOException {
        context = runtimeContext;
        analyzer = CoreNlpTextAnalyzer.shared();
        postAnalyzer = analyzer.withSentenceCache(CoreNlpTextAnalyzer.SENTENCE_CACHE_CAPACITY);
        sentiment = sentimentModel == null
                ? SocialSentimentScorer.create(settings.sentiment())
                : TrainedSentimentScorer.load(new ByteArrayInputStream(sentimentModel));
        locations = new LocationResolver(Gazetteer.bundled(), settings.location());
        use(startupTaxonomy);
        enriched = JobCounter.register(context, Counters.POSTS_ENRICHED);
        editsApplied = JobCounter.register(context, Counters.EDITS_APPLIED);
        failed = JobCounter.register(context, Counters.DEAD_LETTERS);
        postsFailed = JobCounter.register(context, Counters.POSTS_NOT_ENRICHED);
        newestPostMillis = Long.MIN_VALUE;
    }

    /** Enriches a post or an edit into {@code out}, or hands its dead letter to {@code deadLetters}; passes a deletion on. */
    void process(PostEvent event, Collector<EnrichedEvent> out, Consumer<DeadLetter> deadLetters) {
        if (event.deletion() != null) {
            out.collect(EnrichedEvent.deleted(event.deletion()));
            return;
        }
        Post post = event.post();
        if (!event.edit()) {
            noteEventTime(post.createdAt().toEpochMilli());
        }
        EnrichedPost result;
        try {
            result = enricher.enrich(post);
        } catch (RuntimeException e) {
            failed.increment();
            if (!event.edit()) {
                postsFailed.increment();
            }
            deadLetters.accept(new DeadLetter(Json.write(post), "enrichment failed: " + e, "enrich", post.id(), Instant.now()));
            return;
        }
        if (!event.reapplied()) {
            (event.edit() ? editsApplied : enriched).increment();
        }
        out.collect(new EnrichedEvent(result, event.edit(), null));
    }

    /**
     * Keeps the newest post time for the gauge {@value #EVENT_TIME_LAG}: how far the newest post this subtask has
     * seen is behind the wall clock. The gauge appears with the first post, as before it there is no lag to report
     * (and 0 would read as up to date).
     */
    private void noteEventTime(long createdAtMillis) {
        if (createdAtMillis > newestPostMillis) {
            boolean first = newestPostMillis == Long.MIN_VALUE;
            newestPostMillis = createdAtMillis;
            if (first) {
                JobCounter.metrics(context).gauge(EVENT_TIME_LAG, () -> System.currentTimeMillis() - newestPostMillis);
            }
        }
    }

    /**
     * Tags the following posts with {@code yaml}'s topics. It is compiled only if it is not the taxonomy in force
     * already (the watcher repeats itself after a restore); the same string object is a reference comparison, which
     * makes the check per post cheap.
     */
    void use(String yaml) {
        if (yaml == taxonomyInForce) {
            return;
        }
        if (!yaml.equals(taxonomyInForce)) {
            Taxonomy taxonomy = Taxonomy.parse(yaml);
            enricher = new Enricher(postAnalyzer, sentiment, TopicMatcher.compile(taxonomy, analyzer), locations);
            if (taxonomyInForce != null && context.getTaskInfo().getIndexOfThisSubtask() == 0) {
                LOG.info("enrich.taxonomy: the following posts are tagged with the new taxonomy's topics {}", taxonomy.ids());
            }
        }
        taxonomyInForce = yaml;
    }
}
