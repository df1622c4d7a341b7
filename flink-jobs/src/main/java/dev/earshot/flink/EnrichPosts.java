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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentiment, topics and location for each post. The models load once per task manager JVM. A post that makes
 * an enricher fail becomes a dead letter rather than failing the job: one odd post must not stop the stream.
 * Edits are enriched like posts, and counted here as applied: past deduplication and the language scope, each goes
 * on to replace its post's stored version. Deletions pass through, keeping their place behind their post.
 *
 * <p>The broadcast input brings taxonomy versions, already validated ({@link TaxonomyVersions}); each applies to
 * the posts that follow it. The latest is kept in broadcast state, so a job restored from a checkpoint goes on
 * with the taxonomy it last used rather than the one it started with.
 */
final class EnrichPosts extends BroadcastProcessFunction<PostEvent, String, EnrichedEvent> {

    static final OutputTag<DeadLetter> FAILED = new OutputTag<>("enrichment-failed", Types.DEAD_LETTER);
    static final MapStateDescriptor<String, String> TAXONOMY =
            new MapStateDescriptor<>("taxonomy", BasicTypeInfo.STRING_TYPE_INFO, BasicTypeInfo.STRING_TYPE_INFO);
    private static final String LATEST = "latest";
    static final String EVENT_TIME_LAG = "eventTimeLagMillis";

    private static final Logger LOG = LoggerFactory.getLogger(EnrichPosts.class);

    private final EarshotConfig.Enrich settings;
    private final String startupTaxonomy;
    private final byte[] sentimentModel;
    private transient CoreNlpTextAnalyzer analyzer;
    private transient SentimentScorer sentiment;
    private transient LocationResolver locations;
    private transient Enricher enricher;
    private transient String taxonomyInForce;
    private transient JobCounter enriched;
    private transient JobCounter editsApplied;
    private transient JobCounter failed;
    /** The event time of the newest first version seen, read by the lag gauge on the reporter's thread. */
    private transient volatile long newestPostMillis;

    /**
     * @param taxonomy read and validated by the client at start-up, shipped to the tasks as its YAML
     * @param sentimentModel a trained model's file content, likewise checked by the client, or null for the lexicon
     */
    EnrichPosts(EarshotConfig.Enrich settings, Taxonomy taxonomy, byte[] sentimentModel) {
        this.settings = settings;
        this.startupTaxonomy = taxonomy.yaml();
        this.sentimentModel = sentimentModel;
    }

    @Override
    public void open(OpenContext openContext) throws IOException {
        analyzer = CoreNlpTextAnalyzer.shared();
        sentiment = sentimentModel == null
                ? SocialSentimentScorer.create(settings.sentiment())
                : TrainedSentimentScorer.load(new ByteArrayInputStream(sentimentModel));
        locations = new LocationResolver(Gazetteer.bundled(), settings.location());
        use(startupTaxonomy);
        enriched = JobCounter.register(getRuntimeContext(), Counters.POSTS_ENRICHED);
        editsApplied = JobCounter.register(getRuntimeContext(), Counters.EDITS_APPLIED);
        failed = JobCounter.register(getRuntimeContext(), Counters.DEAD_LETTERS);
        newestPostMillis = Long.MIN_VALUE;
    }

    @Override
    public void processElement(PostEvent event, ReadOnlyContext ctx, Collector<EnrichedEvent> out) throws Exception {
        if (event.deletion() != null) {
            out.collect(EnrichedEvent.deleted(event.deletion()));
            return;
        }
        Post post = event.post();
        if (!event.edit()) {
            noteEventTime(post.createdAt().toEpochMilli());
        }
        // Broadcast state is not readable in open(): a version restored from a checkpoint is picked up here.
        String latest = ctx.getBroadcastState(TAXONOMY).get(LATEST);
        if (latest != null && latest != taxonomyInForce) {
            use(latest);
        }
        EnrichedPost result;
        try {
            result = enricher.enrich(post);
        } catch (RuntimeException e) {
            failed.increment();
            ctx.output(FAILED, new DeadLetter(Json.write(post), "enrichment failed: " + e, "enrich", post.id(), Instant.now()));
            return;
        }
        (event.edit() ? editsApplied : enriched).increment();
        out.collect(new EnrichedEvent(result, event.edit(), null));
    }

    @Override
    public void processBroadcastElement(String yaml, Context ctx, Collector<EnrichedEvent> out) throws Exception {
        ctx.getBroadcastState(TAXONOMY).put(LATEST, yaml);
        use(yaml);
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
                JobCounter.metrics(getRuntimeContext()).gauge(EVENT_TIME_LAG, () -> System.currentTimeMillis() - newestPostMillis);
            }
        }
    }

    /** Compiles {@code yaml} unless it is the taxonomy in force already (the watcher repeats itself after a restore). */
    private void use(String yaml) {
        if (!yaml.equals(taxonomyInForce)) {
            Taxonomy taxonomy = Taxonomy.parse(yaml);
            enricher = new Enricher(analyzer, sentiment, TopicMatcher.compile(taxonomy, analyzer), locations);
            if (taxonomyInForce != null && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                LOG.info("enrich.taxonomy: the following posts are tagged with the new taxonomy's topics {}", taxonomy.ids());
            }
        }
        // The same string object from now on: the check per post is then a reference comparison.
        taxonomyInForce = yaml;
    }
}
