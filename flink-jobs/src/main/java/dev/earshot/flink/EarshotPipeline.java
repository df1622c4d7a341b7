package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.Post;
import dev.earshot.model.RawRecord;
import dev.earshot.model.TopicLocationStats;
import dev.earshot.detect.Finding;
import dev.earshot.enrich.topics.Taxonomy;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;

/**
 * Earshot's dataflow as a function from raw records to outputs, so that tests run the very graph production runs:
 * parse/validate -> deduplicate -> enrich -> aggregate -> detect -> respond. It only wires: every decision is
 * made by a class of the core.
 */
public final class EarshotPipeline {

    /** What the pipeline produces; the job sends each to a sink. */
    public record Outputs(DataStream<Alert> alerts, DataStream<HandoffTicket> tickets, DataStream<DeadLetter> deadLetters,
                          DataStream<TopicLocationStats> stats, DataStream<EnrichedPost> enriched) {
    }

    static final MapStateDescriptor<String, Alert> ALERTS_BY_ID =
            new MapStateDescriptor<>("alerts-by-id", BasicTypeInfo.STRING_TYPE_INFO, Types.ALERT);

    private final EarshotConfig config;

    public EarshotPipeline(EarshotConfig config) {
        this.config = config;
    }

    public Outputs apply(DataStream<RawRecord> records) {
        SingleOutputStreamOperator<Post> parsed = records
                .process(new ParsePosts(config.parse()), Types.POST).name("parse and validate").uid("parse");
        Taxonomy taxonomy = config.enrich().loadTaxonomy();
        SingleOutputStreamOperator<String> taxonomyVersions = TaxonomyVersions.of(records, config.enrich(), taxonomy);
        SingleOutputStreamOperator<EnrichedPost> enriched = parsed
                .assignTimestampsAndWatermarks(watermarks()).name("event time").uid("event-time")
                .keyBy(Post::id)
                .process(new DeduplicatePosts(config.stream().dedupTtl()), Types.POST).name("deduplicate").uid("dedup")
                .connect(taxonomyVersions.broadcast(EnrichPosts.TAXONOMY))
                .process(new EnrichPosts(config.enrich(), taxonomy, config.enrich().loadSentimentModel()), Types.ENRICHED_POST)
                .name("enrich").uid("enrich");
        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(ParsePosts.DEAD_LETTERS)
                .union(enriched.getSideOutput(EnrichPosts.FAILED), taxonomyVersions.getSideOutput(CheckTaxonomy.REJECTED));

        Duration size = config.aggregate().windowSize();
        Duration slide = config.aggregate().windowSlide();
        SingleOutputStreamOperator<TopicLocationStats> stats = enriched
                .flatMap(new ToCells(), CellPost.TYPE).name("topic x location cells").uid("cells")
                .keyBy(CellPost::cellKey)
                .window(SlidingEventTimeWindows.of(size, slide))
                .allowedLateness(config.aggregate().allowedLateness())
                .sideOutputLateData(TooLate.TAG)
                .aggregate(new CellAggregate(slide), new CellWindow(slide), CellAccumulator.TYPE, CellAccumulator.TYPE, Types.STATS)
                .name("window stats").uid("window-stats");
        deadLetters = deadLetters.union(stats.getSideOutput(TooLate.TAG)
                .process(new TooLate(config.stream().outOfOrderness(), config.aggregate().allowedLateness()), Types.DEAD_LETTER)
                .name("too late for any window").uid("too-late"));

        DataStream<Finding> ownBaseline = stats
                .keyBy(EarshotPipeline::cellKey)
                .process(new OwnBaselineOperator(config.detect().baseline(), config.detect().surge(), size, slide), Types.FINDING)
                .name("detect: own baseline").uid("detect-baseline");
        DataStream<Finding> peers = stats
                .keyBy(TopicLocationStats::topic)
                .process(new PeerOperator(config.detect().peer()), Types.FINDING)
                .name("detect: peers").uid("detect-peers");
        DataStream<Alert> alerts = ownBaseline.union(peers)
                .keyBy(EarshotPipeline::incidentKey)
                .process(new LifecycleOperator(config.detect().lifecycle(), size, slide), Types.ALERT)
                .name("alert lifecycle").uid("alert-lifecycle");

        BroadcastStream<Alert> alertBroadcast = alerts.broadcast(ALERTS_BY_ID);
        DataStream<HandoffTicket> tickets = enriched
                .flatMap(new AssessPosts(config.handoff()), AddressedPost.TYPE).name("who is venting").uid("assess")
                .keyBy(AddressedPost::conversationKey)
                .connect(alertBroadcast)
                .process(new TicketOperator(config.handoff()), Types.TICKET)
                .name("handoff tickets").uid("tickets");

        return new Outputs(alerts, tickets, deadLetters, stats, enriched);
    }

    private WatermarkStrategy<Post> watermarks() {
        Duration outOfOrderness = config.stream().outOfOrderness();
        return WatermarkStrategy.<Post>forGenerator(context -> new EventDrivenWatermarks(outOfOrderness, Duration.ofSeconds(1)))
                .withTimestampAssigner((post, previous) -> post.createdAt().toEpochMilli())
                .withIdleness(config.stream().idleness());
    }

    static String cellKey(TopicLocationStats stats) {
        return stats.topic() + '|' + stats.locationId();
    }

    static String incidentKey(Finding finding) {
        return finding.kind() + "|" + finding.topic() + '|' + finding.locationId();
    }
}
