package dev.earshot.connectors.kafka;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Prints how fast the in-JVM broker starts and how many posts per second the Kafka source reads (medians), on
 * the bundled sample's lines repeated. Not a test: figures depend on the machine. Run it as shown in
 * connectors/README.md; arguments: [records, default 240000] [runs, default 5].
 */
public final class KafkaSourceBenchmark {

    private static final String TOPIC = "bench.posts";

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 240_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;

        List<Long> startUps = new ArrayList<>();
        for (int i = 0; i < runs - 1; i++) {
            try (LocalKafka kafka = LocalKafka.start()) {
                startUps.add(kafka.startUp().toMillis());
            }
        }
        try (LocalKafka kafka = LocalKafka.start()) {
            startUps.add(kafka.startUp().toMillis());
            System.out.printf("broker start-up: median %d ms of %d starts %s%n", median(startUps), runs, startUps);

            kafka.createTopic(TOPIC, 2);
            long sendStart = System.nanoTime();
            fill(kafka, records);
            System.out.printf("wrote %,d records in %.1f s%n", records, (System.nanoTime() - sendStart) / 1e9);

            int job = 0;
            for (int parallelism : new int[] {1, 2}) {
                for (boolean withOrigins : new boolean[] {false, true}) {
                    List<Long> rates = new ArrayList<>();
                    for (int run = 0; run < runs; run++) {
                        KafkaOptions options = KafkaOptions.builder().bootstrapServers(kafka.bootstrapServers())
                                .postsTopic(TOPIC).groupId("bench-" + job++).bounded(true).build();
                        rates.add(readAll(options, parallelism, withOrigins, records));
                    }
                    System.out.printf("source %-12s parallelism %d: median %,d posts/s of %d runs %s%n",
                            withOrigins ? "withOrigins" : "values", parallelism, median(rates), runs, rates);
                }
            }
        }
    }

    /** Posts per second over the job's net runtime (from running to finished, without cluster start-up). */
    private static long readAll(KafkaOptions options, int parallelism, boolean withOrigins, int records) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        KafkaSource<?> source = withOrigins ? KafkaPostSource.withOrigins(options) : KafkaPostSource.values(options);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "posts").sinkTo(new DiscardingSink<>());
        long millis = env.execute("kafka source benchmark").getNetRuntime(TimeUnit.MILLISECONDS);
        return Math.round(records / (millis / 1000.0));
    }

    private static void fill(LocalKafka kafka, int records) throws Exception {
        List<String> lines;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(KafkaSourceBenchmark.class.getResourceAsStream("/sample/posts.jsonl.gz")),
                StandardCharsets.UTF_8))) {
            lines = reader.lines().toList();
        }
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            batch.add(new ProducerRecord<>(TOPIC, i % 2, null, lines.get(i % lines.size()).getBytes(StandardCharsets.UTF_8)));
            if (batch.size() == 50_000 || i == records - 1) {
                kafka.send(batch);
                batch.clear();
            }
        }
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
