package dev.earshot.connectors.live;

import dev.earshot.model.RawRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Prints how many events per second the Jetstream and Mastodon sources pass into a Flink job from a local server
 * (medians, from the first event to the last). Not a test: figures depend on the machine. Run it as shown in
 * connectors/README.md; arguments: [events, default 100000] [runs, default 3].
 */
public final class LiveSourceBenchmark {

    private static final AtomicLong COUNT = new AtomicLong();
    private static final AtomicLong FIRST_NANOS = new AtomicLong();
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Double> jetstream = new ArrayList<>();
        List<Double> mastodon = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            try (FakeJetstream server = new FakeJetstream()) {
                for (long i = 1; i <= events; i++) {
                    server.publish(FakeJetstream.postCreate(1_795_000_000_000_000L + i, "post number " + i + " about the river"));
                }
                jetstream.add(eventsPerSecond(LiveSources.bluesky(BlueskyOptions.defaults()
                        .withEndpoint(server.endpoint()).withReconnect(FAST)), events));
            }
            try (FakeMastodon server = new FakeMastodon()) {
                String[] script = new String[events];
                for (int i = 0; i < events; i++) {
                    script[i] = FakeMastodon.sse("update", FakeMastodon.status(Long.toString(113_500_000_000_000_000L + i),
                            "status number " + i + " about the river"));
                }
                server.script(script);
                mastodon.add(eventsPerSecond(LiveSources.mastodon(MastodonOptions.publicTimeline(server.instance())
                        .withReconnect(FAST), name -> FakeMastodon.TOKEN), events));
            }
        }
        System.out.printf("jetstream (WebSocket) -> Flink: median %.0f events/s of %d runs of %d events %s%n",
                median(jetstream), runs, events, rounded(jetstream));
        System.out.printf("mastodon (server-sent events) -> Flink: median %.0f events/s of %d runs of %d events %s%n",
                median(mastodon), runs, events, rounded(mastodon));
        System.exit(0);
    }

    private static double eventsPerSecond(LiveSource source, int events) throws Exception {
        COUNT.set(0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "live", TypeInformation.of(RawRecord.class)).sinkTo(new CountingSink());
        JobClient job = env.executeAsync("live source benchmark");
        while (COUNT.get() < events) {
            Thread.sleep(5);
        }
        long nanos = System.nanoTime() - FIRST_NANOS.get();
        job.cancel().get();
        return events / (nanos / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    private static final class CountingSink implements Sink<RawRecord> {

        @Override
        public SinkWriter<RawRecord> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(RawRecord record, Context context) {
                    if (COUNT.getAndIncrement() == 0) {
                        FIRST_NANOS.set(System.nanoTime());
                    }
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
