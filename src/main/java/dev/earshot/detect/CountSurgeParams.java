package dev.earshot.detect;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@link CountSurgeDetector}. They were fixed from what they mean, and the open/stay thresholds and quiet
 * time are those the rest of Earshot uses for volume surges ({@link BaselineParams}, {@link LifecycleParams}). All but
 * {@code shortSumOver} were set before the detector was run on any labelled series; the short span is the one of three
 * changes, declared in advance and each run once on NAB's six realTweets series, that scored better (the others, a
 * spread from the day-to-day scatter of seven daily medians and a baseline relative to the trailing day's level, raised
 * far more false alarms), with its 30 minutes set from its meaning, not searched.
 *
 * @param sumOver the span whose posts a point is judged by: its own bucket plus those before it within this span.
 *     2 h, the job's aggregation window: a surge is more posts over a while, and a single 5-minute bucket is mostly
 *     noise (one viral retweet, or 0 against 3 posts in a quiet series). Zero judges each point alone, for input that
 *     is already windowed
 * @param shortSumOver a second, shorter span judged alongside {@code sumOver}, against its own baseline: 30 min, on
 *     which a sharp burst shows first and undiluted (early alerts are worth most); six 5-minute buckets, enough that a
 *     single viral post is still not a burst. At most {@code sumOver}
 * @param history how far back the baseline looks: 7 days, so that every weekday is in it once and a burst of a day
 *     is one sample in seven at its time of day
 * @param band the time-of-day neighbourhood that forms the baseline: the same time ±1 h on each earlier day, so that
 *     night is compared with night and the busy hours with the busy hours (the daily rhythm is the largest regular
 *     swing in posting volume)
 * @param minBaselineSamples baseline points needed before judging; 10, the least from which a median and MAD mean
 *     anything (at 5-minute buckets a day supplies 25)
 * @param openZ robust z of log(1 + count) that raises an alarm: 4, as the job's volume surge
 * @param stayZ robust z that keeps the burst going: 2, as the job's volume surge stay threshold
 * @param quietToRearm how long the series must stay below stayZ after an alarm before another can be raised: a burst
 *     raises one alarm, not one per bucket. 2 h, the job's resolve-after plus cooldown (2 + 2 half-hour slides)
 * @param weekly whether a point must also stand out against the same time ±band one week earlier, once the series
 *     reaches back that far: what recurs every week (a busy Saturday evening) is the weekly rhythm, not a surge. On by
 *     default; it needs a history of at least 7 days. Set before it was run on any labelled series
 */
public record CountSurgeParams(Duration sumOver, Duration shortSumOver, Duration history, Duration band,
                               int minBaselineSamples, double openZ, double stayZ, Duration quietToRearm,
                               boolean weekly)
        implements Serializable {

    /** The rhythm the baseline follows. */
    static final Duration SEASON = Duration.ofDays(1);
    /** The second rhythm: weekends and weekdays differ, and each weekday is like itself a week before. */
    static final Duration WEEK = Duration.ofDays(7);

    public CountSurgeParams {
        if (sumOver == null || sumOver.isNegative() || sumOver.compareTo(SEASON) > 0) {
            throw new IllegalArgumentException("sumOver must be between 0 and one day, was " + sumOver
                    + "; e.g. PT2H, or PT0S for counts that are already windowed");
        }
        if (shortSumOver == null || shortSumOver.isNegative() || shortSumOver.compareTo(sumOver) > 0) {
            throw new IllegalArgumentException("shortSumOver must be between 0 and sumOver (" + sumOver + "), was "
                    + shortSumOver + "; e.g. PT30M");
        }
        if (history == null || history.compareTo(SEASON) < 0) {
            throw new IllegalArgumentException("history must be at least one day, was " + history
                    + "; the baseline compares each time of day with earlier days, e.g. PT168H");
        }
        if (band == null || band.isNegative() || band.compareTo(SEASON.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("band must be between 0 and 12 h, was " + band + "; e.g. PT1H");
        }
        if (minBaselineSamples < 3) {
            throw new IllegalArgumentException("minBaselineSamples must be >= 3, was " + minBaselineSamples + "; e.g. 10");
        }
        if (!(stayZ >= 0 && stayZ <= openZ)) {
            throw new IllegalArgumentException("need 0 <= stayZ <= openZ, was stayZ=" + stayZ + ", openZ=" + openZ
                    + "; staying in a burst must not be harder than starting one");
        }
        if (quietToRearm == null || quietToRearm.isNegative()) {
            throw new IllegalArgumentException("quietToRearm must be >= 0, was " + quietToRearm + "; e.g. PT2H");
        }
        if (weekly && history.compareTo(WEEK) < 0) {
            throw new IllegalArgumentException("weekly compares with the same time a week earlier, so history must be "
                    + "at least 7 days, was " + history + "; set history to PT168H or weekly to false");
        }
    }

    public static CountSurgeParams defaults() {
        return new CountSurgeParams(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofDays(7), Duration.ofHours(1),
                10, 4, 2, Duration.ofHours(2), true);
    }
}
