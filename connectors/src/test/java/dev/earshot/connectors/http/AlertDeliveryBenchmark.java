package dev.earshot.connectors.http;

import dev.earshot.connectors.http.AlertReceiver.Answer;
import dev.earshot.model.AlertStatus;
import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.DeliveryPolicy;
import dev.earshot.respond.alerts.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Delivery throughput through the real writer against a local flaky endpoint that answers 30% of requests with
 * 503 (seeded), for a signed webhook and a Slack channel. Prints the median of 5 runs. Not a test: run with
 * <pre>
 * ./mvnw -q -o -pl src,connectors test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp connectors/target/test-classes:connectors/target/classes:src/target/classes:$(cat connectors/target/test-classpath.txt) \
 *     dev.earshot.connectors.http.AlertDeliveryBenchmark [alerts per run, default 2000]
 * </pre>
 */
public final class AlertDeliveryBenchmark {

    private static final double FAILURE_RATE = 0.3;
    private static final int RUNS = 5;

    private AlertDeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        DeliveryPolicy policy = new DeliveryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(2), 32);
        RateLimit unlimited = new RateLimit(60_000.0, 1_000_000, Duration.ofMinutes(1));
        System.out.printf(Locale.ROOT, "Alert delivery: %d alerts per run, %d runs, endpoint answers %.0f%% with 503; "
                        + "maxAttempts %d, backoff %d-%d ms, maxInFlight %d%n", alerts, RUNS, 100 * FAILURE_RATE,
                policy.maxAttempts(), policy.initialBackoff().toMillis(), policy.maxBackoff().toMillis(), policy.maxInFlight());
        for (ChannelType type : ChannelType.values()) {
            AlertChannel channel = new AlertChannel("bench", type, "BENCH_URL", type == ChannelType.WEBHOOK ? "BENCH_KEY" : null,
                    null, null, null, null, null, null, null, unlimited, null, null);
            List<double[]> runs = new ArrayList<>();
            for (int run = 0; run <= RUNS; run++) {
                double[] figures = run(channel, policy, alerts, 42 + run);
                if (run > 0) { // the first run warms up the JVM and the HTTP client
                    runs.add(figures);
                }
            }
            runs.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] median = runs.get(RUNS / 2);
            System.out.printf(Locale.ROOT, "%-8s median %,.0f alerts/s (runs: %s); per run: %.0f retries, %.0f dead letters, %.0f delivered%n",
                    type.name().toLowerCase(Locale.ROOT), median[0],
                    String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r[0])).toList()),
                    median[1], median[2], median[3]);
        }
    }

    /** @return alerts/s, retries, dead letters, delivered */
    private static double[] run(AlertChannel channel, DeliveryPolicy policy, int alerts, long seed) throws Exception {
        try (AlertReceiver receiver = new AlertReceiver()) {
            Random random = new Random(seed);
            receiver.answer(attempt -> {
                synchronized (random) {
                    return random.nextDouble() < FAILURE_RATE ? Answer.of(503, "") : null;
                }
            });
            AlertsConfig config = new AlertsConfig(List.of(channel), policy);
            Map<String, String> environment = Map.of("BENCH_URL",
                    channel.type() == ChannelType.SLACK ? receiver.slackUrl() : receiver.webhookUrl(), "BENCH_KEY", AlertReceiver.WEBHOOK_KEY);
            CollectedDeadLetters deadLetters = new CollectedDeadLetters();
            long started = System.nanoTime();
            AlertDeliveryWriter.Stats stats;
            try (AlertDeliveryWriter writer = new AlertDeliveryWriter(config,
                    ChannelEndpoint.resolve(config.channels(), environment::get), deadLetters, Clock.systemUTC())) {
                for (int i = 0; i < alerts; i++) {
                    writer.write(SampleAlerts.parking("bench-" + seed + "-" + i, AlertStatus.OPEN, 5), null);
                }
                writer.flush(true);
                stats = writer.stats();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new double[] {alerts / seconds, stats.retries(), stats.deadLetters(), stats.delivered()};
        }
    }
}
