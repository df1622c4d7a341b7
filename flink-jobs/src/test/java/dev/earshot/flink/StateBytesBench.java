package dev.earshot.flink;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.detect.Finding;
import dev.earshot.model.Alert;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.Post;
import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;

/**
 * Bytes of Flink state per active key, for each keyed operator of the job, on the bundled sample stream: the real
 * operators run in Flink's test harnesses on the heap state backend, and their keyed state (values and timers) is
 * snapshotted every half hour of event time with the job's own serializers; the figure is taken where the operator
 * had the most keys. Window state is measured per (cell, window) by serializing the window accumulators, because
 * window operators cannot run in a harness without the job's window builder: the median (cell, window), with p95
 * and max below it. Not a test: run it with {@code bench/state/run.sh [posts]}.
 */
public final class StateBytesBench {

    private static final Duration SNAPSHOT_EVERY = Duration.ofMinutes(30);

    /** Event-time assigners do not depend on the processing time (the tumbling one reads it, and ignores it). */
    private static final WindowAssigner.WindowAssignerContext EVENT_TIME_ONLY = new WindowAssigner.WindowAssignerContext() {
        @Override
        public long getCurrentProcessingTime() {
            return 0;
        }
    };

    private final EarshotConfig config;
    private long checkpointId;

    private StateBytesBench(EarshotConfig config) {
        this.config = config;
    }

    /** Arguments: the number of posts to read (default all), and an earshot.yaml (default the defaults). */
    public static void main(String[] args) throws Exception {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : Integer.MAX_VALUE;
        EarshotConfig config = args.length > 1 ? ConfigLoader.load(Path.of(args[1])) : EarshotConfig.defaults();
        new StateBytesBench(config).run(limit);
    }

    private void run(int limit) throws Exception {
        List<Post> posts = readSample(limit);
        List<EnrichedPost> enriched = enrich(posts);
        Instant first = posts.get(0).createdAt();
        Instant last = posts.get(posts.size() - 1).createdAt();
        System.out.printf(Locale.ROOT, "state bytes per active key: %,d posts of the bundled sample, %s to %s, aggregate.topTerms %d%n",
                posts.size(), first, last, config.aggregate().topTerms());
        System.out.println("bytes as serialized in a checkpoint (the heap backend's objects take several times more)");
        System.out.printf(Locale.ROOT, "%-34s %10s %14s %14s  %s%n", "state (operator uid)", "keys", "bytes", "bytes/key", "cleanup");

        measureDedup(posts);
        Duration size = config.aggregate().windowSize();
        Duration slide = config.aggregate().windowSlide();
        List<TopicLocationStats> cityStats = measureWindows("window-stats (per cell x window)", enriched, ToCells.cities(),
                SlidingEventTimeWindows.of(size, slide), StatsView.SLIDING,
                "window end + allowed lateness (Flink window cleanup)");
        measureWindows("roll-up-stats (per cell x window)", enriched, ToCells.rollUps(), SlidingEventTimeWindows.of(size, slide),
                StatsView.SLIDING, "window end + allowed lateness (Flink window cleanup)");
        measureWindows("daily-stats, cities (cell x day)", enriched, ToCells.cities(),
                TumblingEventTimeWindows.of(config.aggregate().dailyWindow()), StatsView.DAILY,
                "day end + allowed lateness (Flink window cleanup)");
        measureWindows("daily-stats, roll-ups (cell x day)", enriched, ToCells.rollUps(),
                TumblingEventTimeWindows.of(config.aggregate().dailyWindow()), StatsView.DAILY,
                "day end + allowed lateness (Flink window cleanup)");
        System.out.printf(Locale.ROOT, "  (a sliding cell holds %d windows at once, %d while a closed one waits out the allowed lateness)%n",
                size.toMillis() / slide.toMillis(), size.toMillis() / slide.toMillis() + 1);
        List<Alert> alerts = measureDetection(cityStats, size, slide);
        measureTopTerms(cityStats, alerts, slide);
        measureTickets(enriched);
    }

    private List<Post> readSample(int limit) throws Exception {
        PostParser parser = new PostParser(config.parse());
        List<Post> posts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                StateBytesBench.class.getResourceAsStream("/sample/posts.jsonl.gz")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && posts.size() < limit) {
                for (ParseResult result : parser.parse(line)) {
                    if (result instanceof ParseResult.Valid valid && ids.add(valid.post().id())) {
                        posts.add(valid.post());
                    }
                }
            }
        }
        posts.sort(Comparator.comparing(Post::createdAt));
        return posts;
    }

    private List<EnrichedPost> enrich(List<Post> posts) throws Exception {
        try (BroadcastOperatorTestHarness<PostEvent, String, EnrichedEvent> harness = ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                new EnrichPosts(config.enrich(), EnrichResources.load(config.enrich())), EnrichPosts.TAXONOMY)) {
            for (Post post : posts) {
                harness.processElement(PostEvent.posted(post), post.createdAt().toEpochMilli());
            }
            return harness.extractOutputValues().stream().map(EnrichedEvent::post).toList();
        }
    }

    private void measureDedup(List<Post> posts) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, PostEvent, PostEvent> harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new DeduplicatePosts(config.stream().dedupTtl()), PostEvent::postId, BasicTypeInfo.STRING_TYPE_INFO)) {
            Peak peak = new Peak();
            replay(posts, post -> post.createdAt(), (post, at) -> harness.processElement(PostEvent.posted(post), at), harness,
                    peak, "post-ledger");
            peak.print("dedup (per post id)", "TTL stream.dedupTtl " + config.stream().dedupTtl().toHours() + "h");
        }
    }

    /** Builds the accumulators each window would hold and measures them with the window operator's serializers. */
    private List<TopicLocationStats> measureWindows(String name, List<EnrichedPost> posts, ToCells toCells,
                                                    WindowAssigner<Object, TimeWindow> windows, StatsView view,
                                                    String cleanup) throws Exception {
        CellAggregate aggregate = new CellAggregate(view == StatsView.DAILY ? config.aggregate().dailyWindow()
                : config.aggregate().windowSlide(), config.aggregate().topTerms());
        Map<String, Map<TimeWindow, CellAccumulator>> byCell = new TreeMap<>();
        List<CellPost> cells = new ArrayList<>();
        Collector<CellPost> collector = new Collector<>() {
            @Override
            public void collect(CellPost record) {
                cells.add(record);
            }

            @Override
            public void close() {
            }
        };
        posts.forEach(post -> toCells.flatMap(post, collector));
        for (CellPost cell : cells) {
            long at = cell.post().post().createdAt().toEpochMilli();
            for (TimeWindow window : windows.assignWindows(cell, at, EVENT_TIME_ONLY)) {
                Map<TimeWindow, CellAccumulator> cellWindows = byCell.computeIfAbsent(cell.cellKey(), key -> new TreeMap<>(
                        Comparator.comparingLong(TimeWindow::getStart)));
                aggregate.add(cell, cellWindows.computeIfAbsent(window, w -> aggregate.createAccumulator()));
            }
        }
        TypeSerializer<String> keySerializer = BasicTypeInfo.STRING_TYPE_INFO.createSerializer(new SerializerConfigImpl());
        TypeSerializer<CellAccumulator> accSerializer = CellAccumulator.TYPE.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        List<Integer> sizes = new ArrayList<>();
        List<TopicLocationStats> stats = new ArrayList<>();
        for (Map.Entry<String, Map<TimeWindow, CellAccumulator>> cell : byCell.entrySet()) {
            for (Map.Entry<TimeWindow, CellAccumulator> window : cell.getValue().entrySet()) {
                out.clear();
                keySerializer.serialize(cell.getKey(), out);
                out.writeLong(window.getKey().getStart());
                out.writeLong(window.getKey().getEnd());
                accSerializer.serialize(window.getValue(), out);
                sizes.add(out.length());
                CellAccumulator acc = window.getValue();
                stats.add(acc.stats.toStats(acc.topic, acc.place, view, Instant.ofEpochMilli(window.getKey().getStart()),
                        Instant.ofEpochMilli(window.getKey().getEnd())));
            }
        }
        sizes.sort(Integer::compare);
        System.out.printf(Locale.ROOT, "%-34s %10s %14s %14s  %s%n", name, String.format(Locale.ROOT, "%,d", byCell.size()),
                String.format(Locale.ROOT, "%,d windows", sizes.size()),
                String.format(Locale.ROOT, "%,d", sizes.get(sizes.size() / 2)), cleanup);
        System.out.printf(Locale.ROOT, "%-34s %10s %14s %14s%n", "", "", "p95, max",
                String.format(Locale.ROOT, "%,d, %,d", sizes.get((int) (sizes.size() * 0.95)), sizes.get(sizes.size() - 1)));
        stats.sort(Comparator.comparing(TopicLocationStats::windowEnd).thenComparing(TopicLocationStats::topic)
                .thenComparing(TopicLocationStats::locationId));
        return stats;
    }

    private List<Alert> measureDetection(List<TopicLocationStats> stats, Duration size, Duration slide) throws Exception {
        List<Finding> findings = new ArrayList<>();
        try (KeyedOneInputStreamOperatorTestHarness<String, TopicLocationStats, Finding> baseline = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new OwnBaselineOperator(config.detect().baseline(), config.detect().surge(), size, slide), EarshotPipeline::cellKey, BasicTypeInfo.STRING_TYPE_INFO);
             KeyedOneInputStreamOperatorTestHarness<Long, TopicLocationStats, Finding> peers = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new PeerOperator(config.detect().peer(), config.aggregate().allowedLateness()), EarshotPipeline::windowEndKey, BasicTypeInfo.LONG_TYPE_INFO)) {
            Peak baselinePeak = new Peak();
            Peak peerPeak = new Peak();
            replay(stats, s -> s.windowEnd().minusMillis(1), (s, at) -> {
                baseline.processElement(s, at);
                peers.processElement(s, at);
            }, List.of(baseline, peers), List.of(baselinePeak, peerPeak), List.of(List.of("baseline-history", "surge-slide-counts"),
                    List.of("cells")));
            findings.addAll(baseline.extractOutputValues());
            findings.addAll(peers.extractOutputValues());
            baselinePeak.print("detect-baseline (per cell)", "TTL: history span + window size");
            peerPeak.print("detect-peers (per window end)", "removed when the window's timer fires");
        }
        findings.sort(Comparator.comparing(Finding::windowEnd));
        try (KeyedOneInputStreamOperatorTestHarness<String, Finding, Alert> lifecycle = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new LifecycleOperator(config.detect().lifecycle(), size, slide, config.aggregate().allowedLateness()), EarshotPipeline::incidentKey,
                BasicTypeInfo.STRING_TYPE_INFO)) {
            Peak peak = new Peak();
            replay(findings, f -> f.windowEnd().minusMillis(1), (f, at) -> lifecycle.processElement(f, at), lifecycle, peak,
                    "lifecycle", "last-window-end", "findings-waiting-by-timestamp");
            peak.print("alert-lifecycle (per incident key)", "cleared when the incident is dormant");
            lifecycle.processWatermark(Long.MAX_VALUE); // the findings still waiting for the watermark
            return lifecycle.extractOutputValues();
        }
    }

    private void measureTopTerms(List<TopicLocationStats> stats, List<Alert> alerts, Duration slide) throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<String, TopicLocationStats, Alert, Alert> harness =
                     ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                             new AttachTopTerms(config.aggregate().allowedLateness(), slide), EarshotPipeline::cellKey,
                             AttachTopTerms::cellKey, BasicTypeInfo.STRING_TYPE_INFO)) {
            Peak peak = new Peak();
            List<Object> both = new ArrayList<>(stats);
            both.addAll(alerts);
            replay(both, o -> o instanceof Alert a ? a.windowEnd().minusMillis(1) : ((TopicLocationStats) o).windowEnd().minusMillis(1),
                    (o, at) -> {
                        if (o instanceof Alert alert) {
                            harness.processElement2(alert, at);
                        } else {
                            harness.processElement1((TopicLocationStats) o, at);
                        }
                    }, harness, peak, "terms-by-window-end", "alerts-waiting-for-terms");
            peak.print("alert-top-terms (per city cell)", "timer at window end + lateness + slide");
        }
    }

    private void measureTickets(List<EnrichedPost> posts) throws Exception {
        AssessPosts assess = new AssessPosts(config.handoff());
        assess.open(null);
        List<ConversationEvent> addressed = new ArrayList<>();
        Collector<ConversationEvent> collector = new Collector<>() {
            @Override
            public void collect(ConversationEvent record) {
                addressed.add(record);
            }

            @Override
            public void close() {
            }
        };
        posts.forEach(post -> assess.flatMap(new EnrichedEvent(post, false, null), collector));
        try (KeyedBroadcastOperatorTestHarness<String, ConversationEvent, Alert, HandoffTicket> harness =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new TicketOperator(config.handoff()),
                             ConversationEvent::conversationKey, BasicTypeInfo.STRING_TYPE_INFO,
                             EarshotPipeline.INCIDENTS_BY_ID, EarshotPipeline.ALERTS_BY_ID)) {
            Peak peak = new Peak();
            replay(addressed, a -> a.post().post().post().createdAt(), (a, at) -> harness.processElement(a, at), harness, peak,
                    "pending-posts", "conversation");
            peak.print("tickets (per conversation)", "timer: handoff.quietPeriod / lookBack after the last post");
        }
    }

    interface Feed<T> {
        void accept(T value, long timestamp) throws Exception;
    }

    private <T> void replay(List<T> values, Function<T, Instant> time, Feed<T> feed,
                            AbstractStreamOperatorTestHarness<?> harness, Peak peak, String... stateNames) throws Exception {
        replay(values, time, feed, List.of(harness), List.of(peak), List.of(List.of(stateNames)));
    }

    /**
     * Feeds the values in time order with the job's watermark (5 minutes behind), and every half hour of event time
     * snapshots each harness's keyed state and counts its keys.
     */
    private <T> void replay(List<T> values, Function<T, Instant> time, Feed<T> feed,
                            List<? extends AbstractStreamOperatorTestHarness<?>> harnesses, List<Peak> peaks,
                            List<List<String>> stateNames) throws Exception {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing(time));
        long outOfOrderness = config.stream().outOfOrderness().toMillis();
        long nextSnapshot = Long.MIN_VALUE;
        for (T value : sorted) {
            long at = time.apply(value).toEpochMilli();
            if (nextSnapshot == Long.MIN_VALUE) {
                nextSnapshot = at + SNAPSHOT_EVERY.toMillis();
            }
            if (at >= nextSnapshot) {
                // Snapshot before the watermark moves on: state that lives until the next watermark is then still there.
                for (int i = 0; i < harnesses.size(); i++) {
                    AbstractStreamOperatorTestHarness<?> harness = harnesses.get(i);
                    peaks.get(i).offer(keys(harness, stateNames.get(i)), harness.snapshot(++checkpointId, at).getStateSize());
                    watermark(harness, at - outOfOrderness);
                }
                nextSnapshot = at + SNAPSHOT_EVERY.toMillis();
            }
            feed.accept(value, at);
        }
    }

    private static void watermark(AbstractStreamOperatorTestHarness<?> harness, long watermark) throws Exception {
        if (harness instanceof KeyedOneInputStreamOperatorTestHarness<?, ?, ?> oneInput) {
            oneInput.processWatermark(watermark);
        } else if (harness instanceof KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, ?> twoInputs) {
            twoInputs.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(watermark));
        } else if (harness instanceof KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> broadcast) {
            broadcast.processWatermark(watermark);
            broadcast.processBroadcastWatermark(watermark);
        }
    }

    private static long keys(AbstractStreamOperatorTestHarness<?> harness, List<String> stateNames) {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        Set<Object> keys = new HashSet<>();
        for (String state : stateNames) {
            backend.getKeys(state, VoidNamespace.INSTANCE).forEach(keys::add);
        }
        return keys.size();
    }

    /** The snapshot with the most keys. */
    private static final class Peak {
        long keys;
        long bytes;

        void offer(long keysNow, long bytesNow) {
            if (keysNow > keys || keys == 0) {
                keys = keysNow;
                bytes = bytesNow;
            }
        }

        void print(String name, String cleanup) {
            System.out.printf(Locale.ROOT, "%-34s %10s %14s %14s  %s%n", name, String.format(Locale.ROOT, "%,d", keys),
                    String.format(Locale.ROOT, "%,d", bytes),
                    keys == 0 ? "-" : String.format(Locale.ROOT, "%,d", bytes / keys), cleanup);
        }
    }
}
