package dev.earshot.config;

import dev.earshot.detect.BaselineParams;
import dev.earshot.detect.LifecycleParams;
import dev.earshot.detect.PeerParams;
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

/**
 * Everything a run can be told, as read from {@code earshot.yaml}. Every key is optional: {@link #defaults()}
 * serves the bundled demo. Each section validates itself on construction, so a bad value never reaches a job.
 */
public record EarshotConfig(
        Input input,
        Output output,
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
    }

    public static EarshotConfig defaults() {
        return new EarshotConfig(new Input(null), new Output("output"), 2, ParseParams.defaults(),
                new Stream(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(24)),
                new Enrich("city-operations", SentimentParams.defaults(), null, LocationParams.defaults()),
                new Aggregate(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofMinutes(15)),
                new Detect(BaselineParams.defaults(), PeerParams.defaults(), LifecycleParams.defaults()),
                HandoffRules.defaults(),
                new Respond(AlertsConfig.defaults(), null));
    }

    /** The same configuration with the command line's overrides; a null override keeps the file's value. */
    public EarshotConfig withOverrides(String inputPath, String outputDir, Integer parallelismOverride) {
        return new EarshotConfig(inputPath == null ? input : new Input(inputPath),
                outputDir == null ? output : new Output(outputDir),
                parallelismOverride == null ? parallelism : parallelismOverride,
                parse, stream, enrich, aggregate, detect, handoff, respond);
    }

    /**
     * Where posts come from.
     *
     * @param path a JSON-lines file of canonical posts (optionally .gz), or null for the bundled sample stream
     */
    public record Input(String path) implements Serializable {
    }

    /** @param dir where a local run writes its JSON-lines outputs */
    public record Output(String dir) implements Serializable {
        public Output {
            if (dir == null || dir.isBlank()) {
                throw new IllegalArgumentException("output.dir must name a folder, e.g. output");
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
     * @param sentimentModel a model file written by {@code earshot train sentiment}, or null for the social-text
     *     lexicon scorer tuned by {@code sentiment}
     */
    public record Enrich(String taxonomy, SentimentParams sentiment, String sentimentModel, LocationParams location)
            implements Serializable {
        public Enrich {
            if (taxonomy == null || taxonomy.isBlank()) {
                throw new IllegalArgumentException("enrich.taxonomy must name a bundled taxonomy (" + Taxonomy.BUNDLED
                        + ") or a YAML file");
            }
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

    /** Spike detection: against the place's own history, against its peers, and how incidents live. */
    public record Detect(BaselineParams baseline, PeerParams peer, LifecycleParams lifecycle) implements Serializable {
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
     */
    public record Aggregate(Duration windowSize, Duration windowSlide, Duration allowedLateness) implements Serializable {
        public Aggregate {
            if (allowedLateness == null || allowedLateness.isNegative()) {
                throw new IllegalArgumentException("aggregate.allowedLateness must be zero or a positive duration such as 15m, was "
                        + allowedLateness);
            }
            requirePositive(windowSize, "aggregate.windowSize");
            requirePositive(windowSlide, "aggregate.windowSlide");
            if (windowSlide.compareTo(windowSize) > 0) {
                throw new IllegalArgumentException("aggregate.windowSlide (" + windowSlide
                        + ") must not be longer than aggregate.windowSize (" + windowSize + "): posts would fall between windows");
            }
            if (windowSize.toMillis() % windowSlide.toMillis() != 0) {
                throw new IllegalArgumentException("aggregate.windowSize (" + windowSize
                        + ") must be a whole multiple of aggregate.windowSlide (" + windowSlide + "), e.g. 2h and 30m");
            }
        }
    }

    static void requirePositive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 30m, was " + value);
        }
    }
}
