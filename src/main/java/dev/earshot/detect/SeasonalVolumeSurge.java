package dev.earshot.detect;

import dev.earshot.model.AlertKind;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The job's volume-surge test against the same time of day on earlier days: each window's newest slide is one point
 * of the cell's count series, judged by {@link CountSurgeDetector} (the detector scored on NAB) over the whole window
 * and over that slide. Online and without look-ahead: a window is judged from the slides that ended before it.
 *
 * <p>A cell's series has a point per slide. A window fires only when it holds a post, so the slides between a cell's
 * windows had none: they are added as zeros, so that night silence is part of the night baseline. Until the cell has
 * {@code minBaselineSamples} slides at this time of day on earlier days (two days at the defaults), and for a window
 * whose newest slide is unknown, the caller's non-seasonal finding stands.
 *
 * <p>A late re-firing of the newest window replaces its slide with the corrected count; a re-firing of an older
 * window (possible only when the allowed lateness exceeds the slide) leaves the series alone and keeps the
 * non-seasonal finding.
 */
public final class SeasonalVolumeSurge {

    /** The finding on one window and the series to keep for the next. */
    public record Judgement(Finding finding, CountSurgeState state) {
    }

    private final SeasonalSurgeParams params;
    private final CountSurgeDetector detector;
    private final long slideSeconds;
    private final long keepSeconds;
    private final long minPosts;

    /**
     * @param minPosts posts a window needs to be judged at all, as for the non-seasonal test
     *     ({@link BaselineParams#surgeMinPosts()}): x3 of a handful is still a handful
     */
    public SeasonalVolumeSurge(SeasonalSurgeParams params, Duration windowSize, Duration windowSlide, long minPosts) {
        CountSurgeParams countParams = params.countSurgeParams(windowSize, windowSlide);
        this.params = params;
        this.detector = new CountSurgeDetector(countParams);
        this.slideSeconds = windowSlide.getSeconds();
        this.keepSeconds = countParams.history().plus(countParams.band()).getSeconds();
        this.minPosts = minPosts;
    }

    /** How long a silent cell's series is worth keeping: after that it holds nothing a later baseline would use. */
    public static Duration retention(SeasonalSurgeParams params, Duration windowSize) {
        return params.history().plus(params.band()).plus(windowSize);
    }

    /**
     * Judges {@code stats} against the cell's series {@code state}; {@code nonSeasonal} is the same window's finding
     * by the non-seasonal test, used while the series cannot judge it.
     */
    public Judgement judge(TopicLocationStats stats, CountSurgeState state, Finding nonSeasonal) {
        if (stats.lastSlidePosts() == null) {
            return new Judgement(nonSeasonal, state);
        }
        long end = stats.windowEnd().getEpochSecond();
        long last = state.size() == 0 ? Long.MIN_VALUE : state.times()[state.size() - 1];
        CountSurgeState before;
        if (end > last) {
            before = withQuietSlides(state, end);
        } else if (end == last) {
            before = withoutLast(state);
        } else {
            return new Judgement(nonSeasonal, state);
        }
        CountSurgeDetector.Step step = detector.step(before, stats.windowEnd(), stats.lastSlidePosts());
        if (Double.isNaN(step.expected())) {
            return new Judgement(nonSeasonal, step.state());
        }
        boolean judged = stats.posts() >= minPosts;
        double expected = step.expected();
        double ratio = expected > 0 ? stats.posts() / expected : stats.posts();
        Finding finding = new Finding(AlertKind.VOLUME_SURGE, stats.topic(), stats.locationId(), stats.locationName(),
                stats.windowStart(), stats.windowEnd(), judged && step.robustZ() >= params.openZ(),
                judged && step.robustZ() >= params.stayZ(), stats.posts(), expected, ratio, ratio, step.robustZ(),
                stats.posts(), stats.samplePostIds());
        return new Judgement(finding, step.state());
    }

    /** The series with a zero for each slide between its last point and {@code end} that a baseline could still use. */
    private CountSurgeState withQuietSlides(CountSurgeState state, long end) {
        if (state.size() == 0) {
            return state;
        }
        long first = state.times()[state.size() - 1] + slideSeconds;
        long oldestUseful = end - keepSeconds;
        if (first < oldestUseful) {
            first += Math.floorDiv(oldestUseful - first + slideSeconds - 1, slideSeconds) * slideSeconds;
        }
        CountSurgeState filled = state;
        for (long t = first; t < end; t += slideSeconds) {
            filled = detector.step(filled, Instant.ofEpochSecond(t), 0).state();
        }
        return filled;
    }

    /** The series without its newest point, which a re-fired window's corrected count replaces. */
    private static CountSurgeState withoutLast(CountSurgeState state) {
        int kept = state.size() - 1;
        return new CountSurgeState(Arrays.copyOf(state.times(), kept), Arrays.copyOf(state.counts(), kept),
                Arrays.copyOf(state.logSums(), kept), Arrays.copyOf(state.shortLogSums(), kept), state.burst(),
                state.lastElevated());
    }
}
