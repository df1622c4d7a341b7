package dev.earshot.config;

import dev.earshot.detect.BaselineParams;
import dev.earshot.detect.LifecycleParams;
import dev.earshot.detect.PeerParams;
import dev.earshot.detect.SeasonalSurgeParams;
import dev.earshot.connectors.live.BlueskyOptions;
import dev.earshot.connectors.live.DiscourseOptions;
import dev.earshot.connectors.live.MastodonOptions;
import dev.earshot.connectors.live.XOptions;
import dev.earshot.enrich.LanguageScope;
import dev.earshot.enrich.location.LocationParams;
import dev.earshot.enrich.sentiment.SentimentParams;
import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TaxonomyException;
import dev.earshot.parse.ParseParams;
import dev.earshot.respond.HandoffRules;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.enrich.sentiment.TrainedSentimentScorer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a run can be told, as read from {@code earshot.yaml}. Every key is optional: {@link #defaults()}
 * serves the bundled demo. Each section validates itself on construction, so a bad value never reaches a job.
 */
public record EarshotConfig(
        Input input,
        Output output,
        KafkaConfig kafka,
        ElasticsearchConfig elasticsearch,
        Checkpoint checkpoint,
        Recovery recovery,
        int parallelism,
        ParseParams parse,
        Stream stream,
        Enrich enrich,
        Aggregate aggregate,
        Detect detect,
        HandoffRules handoff,
        Respond respond) implements Serializable {

    public EarshotConfig {
        if (parallelism < 1 || parallelism > 512) {
            throw new IllegalArgumentException("parallelism must be between 1 and 512, was " + parallelism);
        }
        boolean usesKafka = input.kind().equals(Input.KAFKA) || output.to().contains(Output.KAFKA);
        if (kafka != null) {
            kafka.check();
        }
        if (usesKafka && (kafka == null || kafka.bootstrapServers() == null)) {
            throw new IllegalArgumentException("kafka.bootstrapServers is required when input.kind is kafka or "
                    + "output.to lists kafka; e.g. kafka: { bootstrapServers: localhost:9092 }");
        }
        if (detect.surge().enabled() && aggregate.windowSize().compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("detect.surge.enabled compares windows with the same time of day on "
                    + "earlier days, which needs aggregate.windowSize <= 24h, was " + show(aggregate.windowSize())
                    + "; shorten the window or set detect.surge.enabled: false");
        }
        if (output.to().contains(Output.ELASTICSEARCH) && (elasticsearch == null || elasticsearch.url() == null)) {
            throw new IllegalArgumentException("elasticsearch.url is required when output.to lists elasticsearch; "
                    + "e.g. elasticsearch: { url: http://localhost:9200 }");
        }
    }

    public static EarshotConfig defaults() {
        return new EarshotConfig(new Input(Input.FILE, null, null, null, null, null, null), new Output("output", List.of(Output.FILES)), null, null,
                new Checkpoint(Duration.ofSeconds(30), "state"), new Recovery(3, Duration.ofSeconds(10), Duration.ofMinutes(2),
                        Duration.ofMinutes(10)), 2, ParseParams.defaults(),
                new Stream(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(24)),
                new Enrich("city-operations", Duration.ofSeconds(10), SentimentParams.defaults(), null, LocationParams.defaults(),
                        LanguageScope.defaults().languages()),
                new Aggregate(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofMinutes(15), true, true,
                        Duration.ofDays(1), 10),
                new Detect(BaselineParams.defaults(), PeerParams.defaults(), LifecycleParams.defaults(), SeasonalSurgeParams.defaults()),
                HandoffRules.defaults(),
                new Respond(AlertsConfig.defaults(), null));
    }

    /** The same configuration with the command line's overrides; a null override keeps the file's value. */
    public EarshotConfig withOverrides(String inputPath, String outputDir, Integer parallelismOverride) {
        return new EarshotConfig(inputPath == null ? input : new Input(Input.FILE, inputPath, null, null, null, input.speedup(), null),
                outputDir == null ? output : new Output(outputDir, output.to()), kafka, elasticsearch, checkpoint, recovery,
                parallelismOverride == null ? parallelism : parallelismOverride,
                parse, stream, enrich, aggregate, detect, handoff, respond);
    }

    /** The same configuration replaying its input file at {@code speedup}; null keeps the file's value. */
    public EarshotConfig withSpeedup(Double speedup) {
        return speedup == null ? this : new EarshotConfig(new Input(input.kind(), input.path(), input.bluesky(),
                input.mastodon(), input.discourse(), speedup, input.x()), output, kafka, elasticsearch, checkpoint, recovery,
                parallelism, parse, stream, enrich, aggregate, detect, handoff, respond);
    }

    /**
     * Where posts come from.
     *
     * @param kind {@code file} (the default), {@code kafka} (the {@code kafka.postsTopic} topic), or a live network:
     *     {@code bluesky} (the Jetstream firehose), {@code mastodon} (a streaming timeline), {@code discourse} (a
     *     forum's latest posts), {@code x} (Twitter/X's filtered stream, with paid API access)
     * @param path with {@code file}: a JSON-lines file of posts in any supported format, or a CSV file with
     *     {@code parse.csv}, (optionally .gz), or null for the bundled sample stream
     * @param bluesky with {@code bluesky}: the Jetstream endpoint and cursor; absent takes the public defaults
     * @param mastodon with {@code mastodon}: the instance, timeline and the environment variable with the token
     * @param discourse with {@code discourse}: the forum and poll interval
     * @param speedup with {@code file}: replay the posts in event time, this many times faster than they were
     *     written (60 plays an hour a minute); null reads the file as fast as possible, which gives the same results
     * @param x with {@code x}: the API address, the environment variable with the bearer token, the backfill minutes
     */
    public record Input(String kind, String path, BlueskyOptions bluesky, MastodonOptions mastodon,
                        DiscourseOptions discourse, Double speedup, XOptions x) implements Serializable {
        public static final String FILE = "file";
        public static final String KAFKA = "kafka";
        public static final String BLUESKY = "bluesky";
        public static final String MASTODON = "mastodon";
        public static final String DISCOURSE = "discourse";
        public static final String X = "x";

        public Input {
            kind = kind == null ? FILE : kind;
            if (!List.of(FILE, KAFKA, BLUESKY, MASTODON, DISCOURSE, X).contains(kind)) {
                throw new IllegalArgumentException("input.kind must be file, kafka, bluesky, mastodon, discourse or x, was " + kind);
            }
            if (speedup != null && !(speedup > 0 && speedup < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("input.speedup must be a positive number, was " + speedup
                        + "; e.g. 60 plays an hour of posts per minute, or leave it out to read as fast as possible");
            }
            if (speedup != null && !kind.equals(FILE)) {
                throw new IllegalArgumentException("input.speedup applies to replayed files only, not to input.kind "
                        + kind + ", which arrives in real time; remove input.speedup");
            }
            if (kind.equals(BLUESKY) && bluesky == null) {
                bluesky = BlueskyOptions.defaults();
            }
            if (kind.equals(X) && x == null) {
                x = XOptions.defaults();
            }
            if (kind.equals(MASTODON) && mastodon == null) {
                throw new IllegalArgumentException("input.mastodon.instance is required when input.kind is mastodon; "
                        + "e.g. input: {kind: mastodon, mastodon: {instance: https://mastodon.social}}");
            }
            if (kind.equals(DISCOURSE) && discourse == null) {
                throw new IllegalArgumentException("input.discourse.forum is required when input.kind is discourse; "
                        + "e.g. input: {kind: discourse, discourse: {forum: https://meta.discourse.org}}");
            }
        }
    }

    /**
     * Where outputs go.
     *
     * @param dir where the {@code files} outputs (and what deliveries could not deliver) are written
     * @param to any of {@code files}, {@code kafka}, {@code elasticsearch}; each receives every output
     */
    public record Output(String dir, List<String> to) implements Serializable {
        public static final String FILES = "files";
        public static final String KAFKA = "kafka";
        public static final String ELASTICSEARCH = "elasticsearch";

        public Output {
            if (dir == null || dir.isBlank()) {
                throw new IllegalArgumentException("output.dir must name a folder, e.g. output");
            }
            to = to == null ? List.of(FILES) : List.copyOf(to);
            for (String target : to) {
                if (!List.of(FILES, KAFKA, ELASTICSEARCH).contains(target)) {
                    throw new IllegalArgumentException("output.to lists '" + target + "': write files, kafka or elasticsearch");
                }
            }
            if (!to.contains(FILES) && !to.contains(KAFKA)) {
                throw new IllegalArgumentException("output.to must list files or kafka: dead letters need a home that"
                        + " Elasticsearch is not; e.g. output: { to: [kafka, elasticsearch] }");
            }
        }
    }

    /**
     * What a failed job does: restart from its last checkpoint a few times in a row, each wait twice the one before
     * (a broker or Elasticsearch that is away for minutes), then stop with the cause, rather than retrying a failure
     * that will recur forever. A job that then runs {@code resetAfter} without failing has its attempts back.
     *
     * @param attempts restarts in a row before the job fails for good
     * @param delay the wait before the first restart of a row
     * @param maxDelay the longest wait before a restart (at least {@code delay})
     * @param resetAfter how long a job runs without failing before a failure starts a new row
     */
    public record Recovery(int attempts, Duration delay, Duration maxDelay, Duration resetAfter) implements Serializable {
        public Recovery {
            if (attempts < 0) {
                throw new IllegalArgumentException("recovery.attempts must be 0 or more, was " + attempts);
            }
            requirePositive(delay, "recovery.delay");
            requirePositive(maxDelay, "recovery.maxDelay");
            requirePositive(resetAfter, "recovery.resetAfter");
        }

        /** The longest wait: {@code maxDelay}, or {@code delay} where that is longer (as a config of only a long delay means). */
        public Duration longestDelay() {
            return maxDelay.compareTo(delay) < 0 ? delay : maxDelay;
        }
    }

    /**
     * @param interval how often state is checkpointed; Kafka's exactly-once outputs become visible to
     *     {@code read_committed} consumers at each checkpoint, so this is also their latency
     * @param dir where a local run on an endless input (Kafka, live) keeps its state: the savepoint Ctrl-C takes and
     *     the checkpoints a crash leaves, from which the next run resumes
     */
    public record Checkpoint(Duration interval, String dir) implements Serializable {
        public Checkpoint {
            requirePositive(interval, "checkpoint.interval");
            if (dir == null || dir.isBlank()) {
                throw new IllegalArgumentException("checkpoint.dir must name a folder for the state of runs on Kafka "
                        + "or live inputs, e.g. state (the default)");
            }
        }
    }

    /**
     * Event time.
     *
     * @param outOfOrderness how late a post may arrive behind the newest one seen and still count in its window
     * @param idleness after how long without posts a source split stops holding back the watermark
     * @param dedupTtl how long a post id is remembered so that a re-sent post is processed once
     */
    public record Stream(Duration outOfOrderness, Duration idleness, Duration dedupTtl) implements Serializable {
        public Stream {
            requirePositive(outOfOrderness, "stream.outOfOrderness");
            requirePositive(idleness, "stream.idleness");
            requirePositive(dedupTtl, "stream.dedupTtl");
        }
    }

    /**
     * Understanding posts.
     *
     * @param taxonomy a bundled taxonomy's name ({@code city-operations}, {@code brand-care}, {@code airline-care})
     *     or the path of a taxonomy YAML file
     * @param taxonomyPollInterval with a taxonomy file and an unbounded input (Kafka): how often the running job
     *     rereads the file; a changed, valid taxonomy applies to the posts that follow, without a restart
     * @param sentimentModel a model file written by {@code earshot train sentiment}, or null for the social-text
     *     lexicon scorer tuned by {@code sentiment}
     * @param languages the languages of the posts to understand ({@link LanguageScope}): codes such as {@code en}, or
     *     {@code "*"} for every language; a post in another is not enriched, counted or ticketed
     */
    public record Enrich(String taxonomy, Duration taxonomyPollInterval, SentimentParams sentiment, String sentimentModel,
                         LocationParams location, List<String> languages) implements Serializable {
        public Enrich {
            if (taxonomy == null || taxonomy.isBlank()) {
                throw new IllegalArgumentException("enrich.taxonomy must name a bundled taxonomy (" + Taxonomy.BUNDLED
                        + ") or a YAML file");
            }
            requirePositive(taxonomyPollInterval, "enrich.taxonomyPollInterval");
            languages = new LanguageScope(languages).languages();
        }

        public LanguageScope languageScope() {
            return new LanguageScope(languages);
        }

        /** The taxonomy file to watch, or null for a bundled taxonomy. */
        public Path taxonomyFile() {
            return Taxonomy.BUNDLED.contains(taxonomy) ? null : Path.of(taxonomy);
        }

        /**
         * Reads and checks the trained sentiment model, if one is configured, so that a bad file stops start-up; the
         * bytes travel with the job, so task managers need no copy of the file.
         */
        public byte[] loadSentimentModel() {
            if (sentimentModel == null) {
                return null;
            }
            Path file = Path.of(sentimentModel);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("enrich.sentimentModel: " + file + " is not a file. Train one with: "
                        + "earshot train sentiment --data labelled.csv --out " + file + ", or remove the key to use the lexicon");
            }
            try {
                byte[] bytes = Files.readAllBytes(file);
                TrainedSentimentScorer.load(new ByteArrayInputStream(bytes));
                return bytes;
            } catch (IOException | RuntimeException e) {
                throw new ConfigException("enrich.sentimentModel: cannot use " + file + ": " + e.getMessage()
                        + ". Train one with: earshot train sentiment --data labelled.csv --out " + file, e);
            }
        }

        /** Reads and validates the taxonomy, so that a bad one stops start-up rather than a running job. */
        public Taxonomy loadTaxonomy() {
            if (Taxonomy.BUNDLED.contains(taxonomy)) {
                return Taxonomy.bundled(taxonomy);
            }
            Path file = Path.of(taxonomy);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("enrich.taxonomy: '" + taxonomy + "' is neither a bundled taxonomy "
                        + Taxonomy.BUNDLED + " nor a file");
            }
            try {
                return Taxonomy.parse(Files.readString(file));
            } catch (TaxonomyException e) {
                throw new ConfigException("enrich.taxonomy: " + file + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("enrich.taxonomy: cannot read " + file, e);
            }
        }
    }

    /**
     * Spike detection: against the place's own history, against its peers, and how incidents live; {@code surge}
     * judges volume against the same time of day on earlier days.
     */
    public record Detect(BaselineParams baseline, PeerParams peer, LifecycleParams lifecycle, SeasonalSurgeParams surge)
            implements Serializable {
    }

    /**
     * Where alerts and tickets reach people. Both are off until configured.
     *
     * @param alerts chat and webhook channels for alerts
     * @param helpdesk the helpdesk that venting customers' tickets are handed to, or null for none
     */
    public record Respond(AlertsConfig alerts, HelpdeskConfig helpdesk) implements Serializable {
    }

    /**
     * Sliding event-time windows per topic and location.
     *
     * @param windowSize how much time one window's statistics cover
     * @param windowSlide how often a new window ends (and detection runs)
     * @param allowedLateness how long after its end (by the watermark) a window still takes late posts and
     *     re-emits corrected statistics; posts later than that are kept as dead letters, never silently dropped
     * @param rollups also aggregate each topic per region, per country and over all locations, in the same windows
     * @param dailyView also aggregate each topic x place (and roll-up) in tumbling windows of {@code dailyWindow}
     * @param dailyWindow the daily view's window, aligned to UTC midnight: a divisor of a day (6h) or whole days (7d)
     * @param topTerms how many of a window's most frequent content terms its statistics (and alerts) carry; 0 for none
     */
    public record Aggregate(Duration windowSize, Duration windowSlide, Duration allowedLateness, boolean rollups,
                            boolean dailyView, Duration dailyWindow, int topTerms) implements Serializable {

        static final int MAX_TOP_TERMS = 50;

        public Aggregate {
            if (allowedLateness == null || allowedLateness.isNegative()) {
                throw new IllegalArgumentException("aggregate.allowedLateness must be zero or a positive duration such as 15m, was "
                        + show(allowedLateness));
            }
            requirePositive(windowSize, "aggregate.windowSize");
            requirePositive(windowSlide, "aggregate.windowSlide");
            if (windowSlide.compareTo(windowSize) > 0) {
                throw new IllegalArgumentException("aggregate.windowSlide (" + show(windowSlide)
                        + ") must not be longer than aggregate.windowSize (" + show(windowSize) + "): posts would fall between windows");
            }
            if (windowSize.toMillis() % windowSlide.toMillis() != 0) {
                throw new IllegalArgumentException("aggregate.windowSize (" + show(windowSize)
                        + ") must be a whole multiple of aggregate.windowSlide (" + show(windowSlide) + "), e.g. 2h and 30m");
            }
            requirePositive(dailyWindow, "aggregate.dailyWindow");
            long day = Duration.ofDays(1).toMillis();
            if (day % dailyWindow.toMillis() != 0 && dailyWindow.toMillis() % day != 0) {
                throw new IllegalArgumentException("aggregate.dailyWindow (" + show(dailyWindow)
                        + ") must divide a day or be whole days, so that its windows start at UTC midnight, e.g. 1d, 6h or 7d");
            }
            if (topTerms < 0 || topTerms > MAX_TOP_TERMS) {
                throw new IllegalArgumentException("aggregate.topTerms must be between 0 (none) and " + MAX_TOP_TERMS
                        + ", was " + topTerms + "; e.g. 10");
            }
        }
    }

    static void requirePositive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 30m, was " + show(value));
        }
    }

    /** A duration the way earshot.yaml writes it (30m, not PT30M). */
    private static String show(Duration value) {
        return value == null ? "nothing" : value.isNegative() ? "-" + Durations.format(value.negated()) : Durations.format(value);
    }
}
