package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.detect.Finding;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.PostChange;
import dev.earshot.model.PostDeletion;
import dev.earshot.model.RawRecord;
import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import dev.earshot.respond.IncidentVersions;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.transformations.WithBoundedness;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Earshot's dataflow as a function from raw records to outputs, so that tests run the very graph production runs:
 * parse/validate -> deduplicate -> language scope -> enrich -> aggregate -> detect -> respond. It only wires: every
 * decision is made by a class of the core.
 */
public final class EarshotPipeline {

    /**
     * What the pipeline produces; the job sends each to a sink.
     *
     * @param enriched the first version of each post, as aggregated
     * @param postChanges every post version (first and edited) and every deletion, in their order per post id: what a
     *     store of posts applies
     * @param deletions the deletions passed on (the first of each post id)
     */
    public record Outputs(DataStream<Alert> alerts, DataStream<HandoffTicket> tickets, DataStream<DeadLetter> deadLetters,
                          DataStream<TopicLocationStats> stats, DataStream<EnrichedPost> enriched,
                          DataStream<PostChange> postChanges, DataStream<PostDeletion> deletions) {
    }

    /** The ticket step's view of the incidents: each one's alert versions, with the event time each holds from. */
    static final MapStateDescriptor<String, IncidentVersions> INCIDENTS_BY_ID = new MapStateDescriptor<>(
            "alert-versions-by-id", BasicTypeInfo.STRING_TYPE_INFO, JsonTypeInfo.of(IncidentVersions.class));
    /** Each incident's latest alert, what the ticket step kept before {@link #INCIDENTS_BY_ID}: read from older savepoints. */
    static final MapStateDescriptor<String, Alert> ALERTS_BY_ID =
            new MapStateDescriptor<>("alerts-by-id", BasicTypeInfo.STRING_TYPE_INFO, Types.ALERT);

    private final EarshotConfig config;
    private final EnrichResources enrichResources;

    public EarshotPipeline(EarshotConfig config, EnrichResources enrichResources) {
        this.config = config;
        this.enrichResources = enrichResources;
    }

    public Outputs apply(DataStream<RawRecord> records) {
        // An input that ends keeps no state to resume from and needs no taxonomy watcher: its graph is simpler.
        boolean endless = neverEnds(records);
        // Parsed and given event time by the readers' own subtasks: watermarks made before the posts fan out travel
        // behind the posts they follow on every channel, so which posts are late depends on the input's order only.
        // Made after a fan-out, each subtask's watermark follows its share, and lateness depends on thread timing.
        SingleOutputStreamOperator<PostEvent> parsed = records
                .process(new ParsePosts(config.parse()), PostEvent.TYPE).setParallelism(records.getParallelism())
                .name("parse and validate").uid("parse");
        // Posts, edits and deletions travel as one stream keyed by post id, so that none overtakes another.
        SingleOutputStreamOperator<PostEvent> deduplicated = parsed
                .assignTimestampsAndWatermarks(watermarks()).setParallelism(records.getParallelism())
                .name("event time").uid("event-time")
                .keyBy(PostEvent::postId)
                .process(new DeduplicatePosts(config.stream().dedupTtl()), PostEvent.TYPE).name("deduplicate").uid("dedup");
        // Posts outside enrich.languages stop before enrichment; deduplication's output is still partitioned by post id.
        EnrichStage enrich = EnrichStage.of(DataStreamUtils.reinterpretAsKeyedStream(deduplicated, PostEvent::postId)
                .process(new LanguageFilter(config.enrich().languageScope(), config.stream().dedupTtl()), PostEvent.TYPE)
                .name("language scope").uid("language-scope"), endless, config.enrich(), enrichResources);
        SingleOutputStreamOperator<EnrichedEvent> events = enrich.events();
        // Edits leave the windows alone: they counted the first version, and a count does not publish its text.
        DataStream<EnrichedPost> enriched = events
                .flatMap((EnrichedEvent event, Collector<EnrichedPost> out) -> {
                    if (event.firstVersion()) {
                        out.collect(event.post());
                    }
                }, Types.ENRICHED_POST).name("first versions").uid("first-versions");
        DataStream<PostChange> postChanges = events.map(EnrichedEvent::change, Types.POST_CHANGE)
                .name("post changes").uid("post-changes");
        DataStream<PostDeletion> deletions = events
                .flatMap((EnrichedEvent event, Collector<PostDeletion> out) -> {
                    if (event.deletion() != null) {
                        out.collect(event.deletion());
                    }
                }, Types.POST_DELETION).name("deletions").uid("deletions");
        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(ParsePosts.DEAD_LETTERS)
                .union(enrich.deadLetters());

        Duration size = config.aggregate().windowSize();
        Duration slide = config.aggregate().windowSlide();
        DataStream<CellPost> cells = enriched
                .flatMap(ToCells.cities(), CellPost.TYPE).name("topic x location cells").uid("cells");
        // Each window operator starts a resumed job at the event time it had reached, which Flink does not save.
        String statsUid = "window-stats";
        SingleOutputStreamOperator<TopicLocationStats> stats = ResumedEventTime.keyBy(cells, CellPost::cellKey, statsUid, endless)
                .window(SlidingEventTimeWindows.of(size, slide))
                .allowedLateness(config.aggregate().allowedLateness())
                .sideOutputLateData(TooLate.TAG)
                .aggregate(new CellAggregate(slide, config.aggregate().topTerms()), new CellWindow(StatsView.SLIDING, slide),
                        CellAccumulator.TYPE, CellAccumulator.TYPE, Types.STATS)
                .name("window stats").uid(statsUid);
        deadLetters = deadLetters.union(stats.getSideOutput(TooLate.TAG)
                .process(new TooLate(config.stream().outOfOrderness(), config.aggregate().allowedLateness()), Types.DEAD_LETTER)
                .name("too late for any window").uid("too-late"));

        DataStream<Finding> ownBaseline = stats
                .keyBy(EarshotPipeline::cellKey)
                .process(new OwnBaselineOperator(config.detect().baseline(), config.detect().surge(), size, slide), Types.FINDING)
                .name("detect: own baseline").uid("detect-baseline");
        DataStream<Finding> peers = stats
                .keyBy(EarshotPipeline::windowEndKey)
                .process(new PeerOperator(config.detect().peer(), config.aggregate().allowedLateness()), Types.FINDING)
                .name("detect: peers").uid("detect-peers-by-window");
        DataStream<Alert> alerts = ownBaseline.union(peers)
                .keyBy(EarshotPipeline::incidentKey)
                .process(new LifecycleOperator(config.detect().lifecycle(), size, slide, config.aggregate().allowedLateness()), Types.ALERT)
                .name("alert lifecycle").uid("alert-lifecycle");

        // The stats outputs also get the roll-ups and the daily view; the detectors read the cities' sliding windows.
        DataStream<TopicLocationStats> allStats = stats;
        if (config.aggregate().rollups()) {
            DataStream<CellPost> rollUpCells = enriched
                    .flatMap(ToCells.rollUps(), CellPost.TYPE).name("roll-up cells: region, country, all").uid("roll-up-cells");
            allStats = allStats.union(aggregate(rollUpCells, SlidingEventTimeWindows.of(size, slide), StatsView.SLIDING, slide,
                    "roll-up-stats", endless).name("roll-up window stats"));
            cells = cells.union(rollUpCells);
        }
        if (config.aggregate().dailyView()) {
            allStats = allStats.union(aggregate(cells, TumblingEventTimeWindows.of(config.aggregate().dailyWindow()), StatsView.DAILY,
                    config.aggregate().dailyWindow(), "daily-stats", endless).name("daily stats"));
        }
        DataStream<Alert> alertsWithTerms = config.aggregate().topTerms() == 0 ? alerts : stats
                .keyBy(EarshotPipeline::cellKey)
                .connect(alerts.keyBy(AttachTopTerms::cellKey))
                .process(new AttachTopTerms(config.aggregate().allowedLateness(), slide), Types.ALERT)
                .name("alert top terms").uid("alert-top-terms");

        BroadcastStream<Alert> alertBroadcast = alerts.broadcast(INCIDENTS_BY_ID, ALERTS_BY_ID);
        DataStream<HandoffTicket> tickets = events
                .flatMap(new AssessPosts(config.handoff()), ConversationEvent.TYPE).name("who is venting").uid("assess")
                .keyBy(ConversationEvent::postId)
                .process(new TicketPostIndex(config.handoff().lookBack().plus(config.handoff().quietPeriod())),
                        ConversationEvent.TYPE).name("conversation of each post").uid("ticket-post-index")
                .keyBy(ConversationEvent::conversationKey)
                .connect(alertBroadcast)
                .process(new TicketOperator(config.handoff()), Types.TICKET)
                .name("handoff tickets").uid("tickets");

        return new Outputs(alertsWithTerms, tickets, deadLetters, allStats, enriched, postChanges, deletions);
    }

    /**
     * Statistics of cells in the windows of {@code windows}, with the city windows' allowed lateness. A post later than
     * that is left out and counted by Flink (numLateRecordsDropped), not dead-lettered again: the city's sliding
     * windows count it or make it a dead letter.
     *
     * @param slide how often the windows start: the span whose newest one the statistics count apart
     * @param uid the window operator's, which its savepoints name it by
     * @param endless whether the job's input never ends
     */
    private SingleOutputStreamOperator<TopicLocationStats> aggregate(DataStream<CellPost> cells,
            WindowAssigner<Object, TimeWindow> windows, StatsView view, Duration slide, String uid, boolean endless) {
        return ResumedEventTime.keyBy(cells, CellPost::cellKey, uid, endless)
                .window(windows)
                .allowedLateness(config.aggregate().allowedLateness())
                .aggregate(new CellAggregate(slide, config.aggregate().topTerms()), new CellWindow(view, slide),
                        CellAccumulator.TYPE, CellAccumulator.TYPE, Types.STATS).uid(uid);
    }

    private WatermarkStrategy<PostEvent> watermarks() {
        Duration outOfOrderness = config.stream().outOfOrderness();
        return WatermarkStrategy.<PostEvent>forGenerator(context -> new EventDrivenWatermarks<>(outOfOrderness, Duration.ofSeconds(1)))
                // A deletion has no event time of its own in every network (Mastodon's names none): it moves no watermark.
                .withTimestampAssigner((event, previous) -> event.post() == null ? Long.MIN_VALUE
                        : event.post().createdAt().toEpochMilli())
                .withIdleness(config.stream().idleness());
    }

    /**
     * Whether any source of {@code records} is unbounded, as Flink itself decides whether a job is bounded. Asked of
     * the records, not of a later stream: Flink's broadcast step does not list the steps before its inputs.
     */
    static boolean neverEnds(DataStream<?> records) {
        return records.getTransformation().getTransitivePredecessors().stream()
                .anyMatch(t -> t instanceof WithBoundedness source && source.getBoundedness() == Boundedness.CONTINUOUS_UNBOUNDED);
    }

    static String cellKey(TopicLocationStats stats) {
        return stats.topic() + '|' + stats.locationId();
    }

    /** Every topic and location of one window together: the peer test's false-discovery rate spans them all. */
    static Long windowEndKey(TopicLocationStats stats) {
        return stats.windowEnd().toEpochMilli();
    }

    static String incidentKey(Finding finding) {
        return finding.kind() + "|" + finding.topic() + '|' + finding.locationId();
    }
}
