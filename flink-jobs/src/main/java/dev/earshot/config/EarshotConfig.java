package dev.earshot.config;

import dev.earshot.parse.ParseParams;
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
        Aggregate aggregate) {

    public EarshotConfig {
        if (parallelism < 1 || parallelism > 512) {
            throw new IllegalArgumentException("parallelism must be between 1 and 512, was " + parallelism);
        }
    }

    public static EarshotConfig defaults() {
        return new EarshotConfig(new Input(null), new Output("output"), 2, ParseParams.defaults(),
                new Stream(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(24)),
                new Aggregate(Duration.ofHours(2), Duration.ofMinutes(30)));
    }

    /**
     * Where posts come from.
     *
     * @param path a JSON-lines file of canonical posts (optionally .gz), or null for the bundled sample stream
     */
    public record Input(String path) {
    }

    /** @param dir where a local run writes its JSON-lines outputs */
    public record Output(String dir) {
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
    public record Stream(Duration outOfOrderness, Duration idleness, Duration dedupTtl) {
        public Stream {
            requirePositive(outOfOrderness, "stream.outOfOrderness");
            requirePositive(idleness, "stream.idleness");
            requirePositive(dedupTtl, "stream.dedupTtl");
        }
    }

    /**
     * Sliding event-time windows per topic and location.
     *
     * @param windowSize how much time one window's statistics cover
     * @param windowSlide how often a new window ends (and detection runs)
     */
    public record Aggregate(Duration windowSize, Duration windowSlide) {
        public Aggregate {
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
