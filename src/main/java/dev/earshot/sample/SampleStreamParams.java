package dev.earshot.sample;

import java.time.Duration;

/**
 * What the sample stream generator may vary. The demo world itself (cities, topics, start, incidents, venting
 * customers) is fixed: it is what the rest of Earshot's tests and docs describe.
 *
 * @param seed the only source of randomness; the same seed gives a byte-identical stream
 * @param baselinePosts the ordinary posts spread over cities, topics and the day, before the incidents' extra posts,
 *                      the venting customers and the distractors are added
 * @param malformedRecords the deliberately broken lines, spread over the kinds of {@link MalformedKind} in turn
 * @param duplicateLines exact copies of valid post lines, re-sent up to four minutes after the original
 * @param days how many days from {@link SampleScenario#PERIOD_START} the stream spans: 4 for the bundled stream
 * @param incidents whether the designed incidents are planted; without them every day is a quiet one, the stream
 *                  on which false alerts are counted
 * @param weekly how weekends differ from weekdays, or null for every day alike (the bundled stream and the quiet
 *               week); {@code baselinePosts} is then what the period would hold if every day were a weekday
 */
public record SampleStreamParams(long seed, int baselinePosts, int malformedRecords, int duplicateLines, int days,
                                 boolean incidents, WeeklyPattern weekly) {

    /** The seed of the bundled {@code sample/posts.jsonl.gz}. */
    public static final long BUNDLED_SEED = 20260302L;
    private static final int BUNDLED_DAYS = 4;
    private static final int BUNDLED_BASELINE_POSTS = 23_800;

    public SampleStreamParams {
        if (baselinePosts < 2_000 || baselinePosts > 1_000_000) {
            throw new IllegalArgumentException("baselinePosts must be between 2000 and 1000000 (the incidents need a "
                    + "baseline to stand out from), was " + baselinePosts);
        }
        if (malformedRecords < 0 || malformedRecords > 10_000) {
            throw new IllegalArgumentException("malformedRecords must be between 0 and 10000, was " + malformedRecords);
        }
        if (duplicateLines < 0 || duplicateLines > baselinePosts / 10) {
            throw new IllegalArgumentException("duplicateLines must be between 0 and a tenth of baselinePosts ("
                    + baselinePosts / 10 + "), was " + duplicateLines);
        }
        // The venting customers' posts (and the incidents) fall in the first four days.
        if (days < BUNDLED_DAYS || days > 28) {
            throw new IllegalArgumentException("days must be between " + BUNDLED_DAYS + " and 28, was " + days);
        }
    }

    /** Every day alike, without a weekly pattern. */
    public SampleStreamParams(long seed, int baselinePosts, int malformedRecords, int duplicateLines, int days,
                              boolean incidents) {
        this(seed, baselinePosts, malformedRecords, duplicateLines, days, incidents, null);
    }

    /** Four days with the designed incidents, as the bundled stream. */
    public SampleStreamParams(long seed, int baselinePosts, int malformedRecords, int duplicateLines) {
        this(seed, baselinePosts, malformedRecords, duplicateLines, BUNDLED_DAYS, true);
    }

    /** The parameters of the bundled stream: about 24,000 valid posts, 30 malformed lines, 60 duplicates. */
    public static SampleStreamParams defaults() {
        return new SampleStreamParams(BUNDLED_SEED, BUNDLED_BASELINE_POSTS, 30, 60);
    }

    /**
     * A simulated week of the bundled stream's world without its incidents: the same seed, cities, topics, daily
     * rhythm and posts per day, so that false alerts can be counted per week.
     */
    public static SampleStreamParams quietWeek() {
        return new SampleStreamParams(BUNDLED_SEED, BUNDLED_BASELINE_POSTS * 7 / BUNDLED_DAYS, 30, 60, 7, false);
    }

    /**
     * Four simulated weeks of the same world without incidents, Monday to Sunday, with weekends that differ from
     * weekdays ({@link WeeklyPattern#defaults()}): the stream on which a baseline's weekly rhythm is tested.
     */
    public static SampleStreamParams quietMonth() {
        return new SampleStreamParams(BUNDLED_SEED, BUNDLED_BASELINE_POSTS * 28 / BUNDLED_DAYS, 30, 60, 28, false,
                WeeklyPattern.defaults());
    }

    /** How long the stream lasts. */
    public Duration period() {
        return Duration.ofDays(days);
    }
}
