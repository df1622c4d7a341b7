package dev.earshot.cli;

import dev.earshot.connectors.kafka.KafkaOptions;
import dev.earshot.connectors.kafka.LocalKafka;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "local", mixinStandardHelpOptions = true,
        subcommands = {LocalCommand.Kafka.class, LocalElasticsearchCommand.class},
        description = "Services on this machine, without Docker, to try Earshot's Kafka input and outputs and its Elasticsearch output.")
final class LocalCommand {

    /** Earshot's topics under their default names; the posts topic has a partition per default source subtask. */
    static final Map<String, Integer> TOPICS = topics();

    private static Map<String, Integer> topics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(KafkaOptions.POSTS_TOPIC, 2);
        topics.put(KafkaOptions.DEAD_LETTER_TOPIC, 1);
        // One partition each: consumers see every version of an alert or a ticket in order.
        topics.put(KafkaOptions.ALERTS_TOPIC, 1);
        topics.put(KafkaOptions.TICKETS_TOPIC, 1);
        topics.put(KafkaOptions.STATS_TOPIC, 1);
        return topics;
    }

    @Command(name = "kafka", mixinStandardHelpOptions = true,
            description = {"Run a single-node Kafka broker (KRaft) in this process until Ctrl-C, with Earshot's topics.",
                    "Its data stays in --dir: started again on the same folder, it has the same topics and records."})
    static final class Kafka extends LocalService {

        static final int DEFAULT_PORT = 9092;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
                description = "the port clients connect to, on localhost (default: ${DEFAULT-VALUE})")
        private int port;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "local/kafka",
                description = "the broker's data folder, created when missing (default: ${DEFAULT-VALUE})")
        private Path dir;

        @Option(names = "--load-sample",
                description = "produce the bundled sample stream into " + KafkaOptions.POSTS_TOPIC + " when that topic is empty")
        private boolean loadSample;

        @Override
        public Integer call() throws Exception {
            requirePort(port);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("starting Kafka (KRaft, one node) on localhost:%d, data in %s ...%n", port, dir.toAbsolutePath());
            out.flush();
            LocalKafka started;
            try {
                started = LocalKafka.start(dir, port);
            } catch (Exception e) {
                // Most often the port is taken, or the folder is another broker's: the causes say which.
                spec.commandLine().getErr().printf("earshot: cannot start Kafka on localhost:%d with --dir %s: %s%n",
                        port, dir, EarshotCli.causes(e));
                return 1;
            }
            try (StopSignals signals = installSignals();
                 LocalKafka kafka = started) {
                List<String> created = kafka.createMissingTopics(TOPICS);
                out.printf("Kafka is ready at %s (started in %.1f s). Topics: %s%s.%n", kafka.bootstrapServers(),
                        kafka.startUp().toMillis() / 1000.0, String.join(", ", TOPICS.keySet()),
                        created.isEmpty() ? ", all kept from the last run" : created.size() == TOPICS.size()
                                ? " (created)" : " (created now: " + String.join(", ", created) + ")");
                if (loadSample) {
                    loadSample(kafka, out);
                }
                out.printf("%nTo read posts from it and write results to it, put in earshot.yaml:%n%n"
                                + "  input: { kind: kafka }%n"
                                + "  output: { to: [files, kafka] }%n"
                                + "  kafka: { bootstrapServers: %s }%n%n"
                                + "then, in another terminal: ./earshot run -c earshot.yaml%n"
                                + "%s"
                                + "Ctrl-C stops the broker; `./earshot local kafka%s --dir %s` starts it again with its topics and records.%n",
                        kafka.bootstrapServers(),
                        loadSample ? "" : "Posts: add --load-sample to produce the bundled sample stream into "
                                + KafkaOptions.POSTS_TOPIC + "." + System.lineSeparator(),
                        port == DEFAULT_PORT ? "" : " --port " + port, dir);
                out.flush();
                stopRequest(signals).join();
                out.println("stopping Kafka ...");
                out.flush();
            }
            out.printf("Kafka stopped; its data stays in %s%n", dir.toAbsolutePath());
            out.flush();
            return 0;
        }

        private static void loadSample(LocalKafka kafka, PrintWriter out) throws Exception {
            long present = kafka.recordCount(KafkaOptions.POSTS_TOPIC);
            if (present > 0) {
                out.printf("%s holds %,d records already: the sample is not produced again.%n",
                        KafkaOptions.POSTS_TOPIC, present);
                return;
            }
            try (InputStream sample = LocalRun.bundledSample()) {
                long sent = kafka.sendValues(KafkaOptions.POSTS_TOPIC,
                        lines(new GZIPInputStream(sample).readAllBytes()).stream());
                out.printf("produced the bundled sample into %s: %,d records%n", KafkaOptions.POSTS_TOPIC, sent);
            }
        }

        /**
         * One record per line, its bytes unchanged (the sample's malformed lines are meant to become dead letters),
         * split as the file input splits them: at '\n', without a '\r' before it.
         */
        static List<byte[]> lines(byte[] text) {
            List<byte[]> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < text.length; i++) {
                if (text[i] == '\n') {
                    int end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                    lines.add(Arrays.copyOfRange(text, start, end));
                    start = i + 1;
                }
            }
            if (start < text.length) {
                lines.add(Arrays.copyOfRange(text, start, text.length));
            }
            return lines;
        }
    }
}
