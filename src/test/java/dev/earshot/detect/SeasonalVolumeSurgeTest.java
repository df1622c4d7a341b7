package dev.earshot.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.model.AlertKind;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeasonalVolumeSurgeTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration SLIDE = Duration.ofMinutes(30);
    private static final Duration SIZE = Duration.ofHours(2);
    private static final int SLIDES_PER_WINDOW = 4;
    private static final int PER_DAY = 48;
    private static final long MIN_POSTS = 30;
    private static final SeasonalVolumeSurge SURGE =
            new SeasonalVolumeSurge(SeasonalSurgeParams.defaults(), SIZE, SLIDE, MIN_POSTS);

    /** Posts per 30-minute slide: about 2 at night and 22 by day, with Poisson-like noise. */
    private static long[] dailyRhythm(int days, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, days * PER_DAY).mapToLong(i -> {
            double mean = 12 - 10 * Math.cos(2 * Math.PI * (i % PER_DAY) / PER_DAY);
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }).toArray();
    }

    /** The window whose newest slide is slide {@code i}, as the aggregation reports it. */
    private static TopicLocationStats window(long[] slides, int i) {
        Instant end = START.plus(SLIDE.multipliedBy(i + 1L));
        long posts = IntStream.rangeClosed(Math.max(0, i - SLIDES_PER_WINDOW + 1), i).mapToLong(j -> slides[j]).sum();
        return new TopicLocationStats("public_transport", "geonames:Mumbai", "Mumbai", "IN", end.minus(SIZE), end, posts,
                0, posts, 0, 0, 0, posts, List.of("post" + i)).withLastSlide(slides[i], 0L);
    }

    /** What the non-seasonal test said of the same window; recognisable by its statistic. */
    private static Finding nonSeasonal(TopicLocationStats stats) {
        return new Finding(AlertKind.VOLUME_SURGE, stats.topic(), stats.locationId(), stats.locationName(),
                stats.windowStart(), stats.windowEnd(), false, false, stats.posts(), stats.posts(), 1, 1, -99,
                stats.posts(), List.of());
    }

    /** Judges every window that holds a post, in order, as the job does; null where no window fired. */
    private static List<Finding> run(long[] slides) {
        return run(slides, SURGE);
    }

    private static List<Finding> run(long[] slides, SeasonalVolumeSurge surge) {
        List<Finding> findings = new ArrayList<>();
        CountSurgeState state = CountSurgeState.empty();
        for (int i = 0; i < slides.length; i++) {
            TopicLocationStats stats = window(slides, i);
            if (stats.posts() == 0) {
                findings.add(null);
                continue;
            }
            SeasonalVolumeSurge.Judgement judgement = surge.judge(stats, state, nonSeasonal(stats));
            findings.add(judgement.finding());
            state = judgement.state();
        }
        return findings;
    }

    private static boolean isNonSeasonal(Finding finding) {
        return finding.statistic() == -99;
    }

    @Test
    void theNonSeasonalTestStandsUntilTwoEarlierDaysCoverThisTimeOfDay() {
        List<Finding> findings = run(dailyRhythm(3, 1));

        assertThat(findings.subList(0, 2 * PER_DAY)).allMatch(f -> f == null || isNonSeasonal(f));
        assertThat(findings.subList(2 * PER_DAY + 2, 3 * PER_DAY)).noneMatch(SeasonalVolumeSurgeTest::isNonSeasonal);
    }

    @Test
    void theDailyRhythmIsNoSurgeButFourTimesTheUsualAtThatHourIs() {
        long[] slides = dailyRhythm(5, 2);
        int surgeStart = 3 * PER_DAY + 20; // day 4, 10:00
        for (int i = surgeStart; i < surgeStart + 6; i++) {
            slides[i] *= 4;
        }
        List<Finding> findings = run(slides);
        List<Finding> seasonal = findings.stream().filter(f -> f != null && !isNonSeasonal(f)).toList();

        assertThat(seasonal).hasSizeGreaterThan(2 * PER_DAY);
        assertThat(seasonal).filteredOn(Finding::anomalous).isNotEmpty()
                .allMatch(f -> !f.windowEnd().isBefore(START.plus(SLIDE.multipliedBy(surgeStart + 1L)))
                        && f.windowEnd().isBefore(START.plus(SLIDE.multipliedBy(surgeStart + 6L + SLIDES_PER_WINDOW))));
        Finding first = findings.get(surgeStart);
        assertThat(first.anomalous()).as("the surge's first slide").isTrue();
        assertThat(first.observed()).isEqualTo(window(slides, surgeStart).posts());
        assertThat(first.expected()).as("about four daytime slides").isBetween(50.0, 110.0);
        assertThat(first.ratio()).isCloseTo(first.observed() / first.expected(), within(1e-9));
        assertThat(first.statistic()).isGreaterThanOrEqualTo(SeasonalSurgeParams.defaults().openZ());
    }

    /** Three weeks from a Monday whose Saturdays and Sundays have 2.5 times a weekday's posts at every hour. */
    private static long[] busyWeekends(long seed) {
        long[] slides = dailyRhythm(21, seed);
        for (int i = 0; i < slides.length; i++) {
            if (i / PER_DAY % 7 >= 5) {
                slides[i] = Math.round(slides[i] * 2.5);
            }
        }
        return slides;
    }

    /** The days (from the Monday START) on which a surge opened. */
    private static List<Integer> daysOpened(List<Finding> findings) {
        return IntStream.range(0, findings.size())
                .filter(i -> findings.get(i) != null && !isNonSeasonal(findings.get(i)) && findings.get(i).anomalous())
                .map(i -> i / PER_DAY).distinct().boxed().toList();
    }

    @Test
    void busyWeekendsAreNoSurgeOnceAWeekEarlierHadOne() {
        SeasonalSurgeParams d = SeasonalSurgeParams.defaults();
        SeasonalVolumeSurge dayOfWeekBlind = new SeasonalVolumeSurge(new SeasonalSurgeParams(true, d.history(),
                d.band(), d.minBaselineSamples(), d.openZ(), d.stayZ(), false), SIZE, SLIDE, MIN_POSTS);
        long[] slides = busyWeekends(4);

        assertThat(daysOpened(run(slides, dayOfWeekBlind))).as("judged against weekdays only")
                .containsAll(List.of(5, 12, 19));
        // The first weekend has no earlier weekend to go by; from the second on, a week earlier was as busy.
        assertThat(daysOpened(run(slides))).allMatch(day -> day == 5 || day == 6);
    }

    @Test
    void aRealSurgeOnABusyWeekendStillOpensInItsFirstSlide() {
        long[] slides = busyWeekends(5);
        int surgeStart = 19 * PER_DAY + 20; // the third Saturday, 10:00
        for (int i = surgeStart; i < surgeStart + 6; i++) {
            slides[i] *= 4;
        }
        List<Finding> findings = run(slides);

        assertThat(findings.get(surgeStart).anomalous()).isTrue();
        assertThat(findings.get(surgeStart).expected()).as("a busy Saturday's four slides, not a weekday's")
                .isGreaterThan(110.0);
        assertThat(daysOpened(findings)).allMatch(day -> day == 5 || day == 6 || day == 19);
    }

    @Test
    void weeklyNeedsAWeekOfHistoryAndSaysHowToFixIt() {
        assertThatThrownBy(() -> new SeasonalSurgeParams(true, Duration.ofDays(3), Duration.ofHours(1), 10, 4, 2, true))
                .hasMessageContaining("history must be at least 7 days").hasMessageContaining("weekly to false");
        new SeasonalSurgeParams(true, Duration.ofDays(3), Duration.ofHours(1), 10, 4, 2, false);
    }

    @Test
    void silentSlidesBetweenWindowsCountAsZeros() {
        long[] slides = new long[PER_DAY];
        slides[10] = 5;
        slides[30] = 7;
        TopicLocationStats early = window(slides, 10);
        TopicLocationStats late = window(slides, 30);

        CountSurgeState afterEarly = SURGE.judge(early, CountSurgeState.empty(), nonSeasonal(early)).state();
        CountSurgeState afterLate = SURGE.judge(late, afterEarly, nonSeasonal(late)).state();

        assertThat(afterLate.size()).isEqualTo(21);
        assertThat(afterLate.counts()).containsOnly(0, 5, 7);
        assertThat(afterLate.times()[20] - afterLate.times()[0]).isEqualTo(20 * SLIDE.getSeconds());
    }

    @Test
    void aReFiredNewestWindowReplacesItsSlideAndAnOlderOneLeavesTheSeriesAlone() {
        long[] slides = dailyRhythm(1, 3);
        CountSurgeState state = CountSurgeState.empty();
        for (int i = 0; i < 30; i++) {
            TopicLocationStats stats = window(slides, i);
            state = SURGE.judge(stats, state, nonSeasonal(stats)).state();
        }
        long[] corrected = slides.clone();
        corrected[29] += 3;
        TopicLocationStats reFired = window(corrected, 29);

        CountSurgeState afterReFiring = SURGE.judge(reFired, state, nonSeasonal(reFired)).state();

        assertThat(afterReFiring.size()).isEqualTo(state.size());
        assertThat(afterReFiring.counts()[afterReFiring.size() - 1]).isEqualTo(slides[29] + 3);

        TopicLocationStats older = window(corrected, 27);
        SeasonalVolumeSurge.Judgement olderJudgement = SURGE.judge(older, afterReFiring, nonSeasonal(older));
        assertThat(isNonSeasonal(olderJudgement.finding())).isTrue();
        assertThat(olderJudgement.state()).isSameAs(afterReFiring);
    }

    @Test
    void aWindowWithoutItsNewestSlideKeepsTheNonSeasonalFinding() {
        TopicLocationStats unknownSlide = new TopicLocationStats("parking", "geonames:Pune", "Pune", "IN",
                START, START.plus(SIZE), 40, 0, 40, 0, 0, 0, 40, List.of());
        Finding fallback = nonSeasonal(unknownSlide);
        CountSurgeState state = CountSurgeState.empty();

        SeasonalVolumeSurge.Judgement judgement = SURGE.judge(unknownSlide, state, fallback);

        assertThat(judgement.finding()).isSameAs(fallback);
        assertThat(judgement.state()).isSameAs(state);
    }

    @Test
    void aSurgeOfAHandfulOfPostsIsNoIncident() {
        long[] slides = new long[4 * PER_DAY];
        for (int i = 0; i < slides.length; i++) {
            slides[i] = i % 2; // a post every hour, round the clock
        }
        int at = 3 * PER_DAY + 20;
        slides[at] = 12; // twelve times the usual, but 13 posts in the window
        Finding finding = run(slides).get(at);

        assertThat(isNonSeasonal(finding)).isFalse();
        assertThat(finding.statistic()).as("well above the stay threshold").isGreaterThan(SeasonalSurgeParams.defaults().stayZ());
        assertThat(finding.posts()).isLessThan(MIN_POSTS);
        assertThat(finding.anomalous()).isFalse();
        assertThat(finding.elevated()).isFalse();
    }

    @Test
    void settingsNameTheKeyAndTheFix() {
        assertThatThrownBy(() -> new SeasonalSurgeParams(true, Duration.ofHours(5), Duration.ofHours(1), 10, 4, 2, true))
                .hasMessageContaining("history must be at least one day");
        assertThatThrownBy(() -> new SeasonalSurgeParams(true, Duration.ofDays(7), Duration.ofHours(1), 10, 2, 4, true))
                .hasMessageContaining("stayZ <= openZ");
        assertThatThrownBy(() -> SeasonalSurgeParams.defaults().countSurgeParams(Duration.ofHours(30), SLIDE))
                .hasMessageContaining("sumOver must be between 0 and one day");
    }
}
