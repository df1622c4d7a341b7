package dev.earshot.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CountSurgeDetectorTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration BUCKET = Duration.ofMinutes(5);
    private static final int PER_DAY = 288;
    private static final CountSurgeDetector DETECTOR = new CountSurgeDetector(CountSurgeParams.defaults());

    /** Posts per 5 minutes with a strong daily rhythm (20 at night, 180 by day) and Poisson-like noise. */
    private static long[] dailyRhythm(int days, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, days * PER_DAY).mapToLong(i -> {
            double mean = 100 - 80 * Math.cos(2 * Math.PI * (i % PER_DAY) / PER_DAY);
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }).toArray();
    }

    private static Instant at(int bucket) {
        return START.plus(BUCKET.multipliedBy(bucket));
    }

    private static List<CountSurgeDetector.Step> run(long[] counts) {
        List<CountSurgeDetector.Step> steps = new ArrayList<>();
        CountSurgeState state = CountSurgeState.empty();
        for (int i = 0; i < counts.length; i++) {
            CountSurgeDetector.Step step = DETECTOR.step(state, at(i), counts[i]);
            steps.add(step);
            state = step.state();
        }
        return steps;
    }

    private static List<Integer> alarms(List<CountSurgeDetector.Step> steps) {
        return IntStream.range(0, steps.size()).filter(i -> steps.get(i).alarm()).boxed().toList();
    }

    /** Multiplies the counts of [from, from + length) by factor. */
    private static long[] surge(long[] counts, int from, int length, double factor) {
        long[] surged = counts.clone();
        for (int i = from; i < from + length; i++) {
            surged[i] = Math.round(surged[i] * factor);
        }
        return surged;
    }

    @Test
    void theDailyRhythmAloneRaisesNoAlarm() {
        List<CountSurgeDetector.Step> steps = run(dailyRhythm(6, 1));

        assertThat(alarms(steps)).isEmpty();
        assertThat(steps.get(5 * PER_DAY + PER_DAY / 2).expected()).isBetween(3800.0, 4600.0); // 2 h of ~180 per 5 min at midday
    }

    @Test
    void aSurgeRaisesOneAlarmAtItsStartHoweverLongItLasts() {
        int start = 4 * PER_DAY + 100; // day 5, 08:20, in the morning climb
        List<CountSurgeDetector.Step> steps = run(surge(dailyRhythm(6, 2), start, 36, 4)); // x4 for three hours

        assertThat(alarms(steps)).hasSize(1);
        assertThat(alarms(steps).get(0)).isBetween(start, start + 6); // within half an hour
        assertThat(steps.get(alarms(steps).get(0)).robustZ()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aSharpBurstIsCaughtOnTheShortSpanBeforeTheTwoHourSumShowsIt() {
        int start = 4 * PER_DAY + 100;
        long[] counts = surge(dailyRhythm(6, 7), start, 6, 2.5); // x2.5 for half an hour
        CountSurgeParams d = CountSurgeParams.defaults();
        CountSurgeDetector longSpanOnly = new CountSurgeDetector(new CountSurgeParams(d.sumOver(), d.sumOver(),
                d.history(), d.band(), d.minBaselineSamples(), d.openZ(), d.stayZ(), d.quietToRearm(), d.weekly()));
        CountSurgeState state = CountSurgeState.empty();
        List<Integer> longSpanAlarms = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            CountSurgeDetector.Step step = longSpanOnly.step(state, at(i), counts[i]);
            if (step.alarm()) {
                longSpanAlarms.add(i);
            }
            state = step.state();
        }

        assertThat(alarms(run(counts))).singleElement().satisfies(alarm -> assertThat(alarm).isBetween(start, start + 3));
        assertThat(longSpanAlarms).allSatisfy(alarm -> assertThat(alarm).isGreaterThan(start + 3));
    }

    @Test
    void aSecondSurgeAlarmsOnlyAfterTheSeriesWasQuietForTwoHours() {
        long[] base = dailyRhythm(6, 3);
        int first = 4 * PER_DAY + 100;
        long[] soonAgain = surge(surge(base, first, 12, 5), first + 24, 12, 5); // 1 h of normal volume between
        long[] muchLater = surge(surge(base, first, 12, 5), first + 96, 12, 5); // 7 h between

        assertThat(alarms(run(soonAgain))).hasSize(1);
        assertThat(alarms(run(muchLater))).hasSize(2);
    }

    @Test
    void aPointsVerdictDependsOnlyOnThePointsBeforeIt() {
        long[] counts = surge(dailyRhythm(6, 4), 4 * PER_DAY + 100, 36, 4);
        List<CountSurgeDetector.Step> whole = run(counts);

        for (int prefix : new int[] {PER_DAY, 4 * PER_DAY + 101, 5 * PER_DAY + 7}) {
            long[] continued = counts.clone();
            for (int i = prefix; i < continued.length; i++) {
                continued[i] = continued[i] * 10 + 1; // what comes later is wildly different
            }
            List<CountSurgeDetector.Step> alone = run(java.util.Arrays.copyOf(counts, prefix));
            List<CountSurgeDetector.Step> otherFuture = run(continued);
            assertThat(alone).as("a %d-point prefix", prefix).isEqualTo(whole.subList(0, prefix));
            assertThat(otherFuture.subList(0, prefix)).isEqualTo(whole.subList(0, prefix));
        }
    }

    @Test
    void stateSurvivesCanonicalJsonSoAResumedSeriesJudgesAlike() {
        long[] counts = surge(dailyRhythm(6, 5), 5 * PER_DAY + 20, 36, 4);
        List<CountSurgeDetector.Step> whole = run(counts);
        int cut = 5 * PER_DAY;

        CountSurgeState restored = Json.read(Json.write(whole.get(cut - 1).state()), CountSurgeState.class);
        assertThat(restored).isEqualTo(whole.get(cut - 1).state());
        CountSurgeState state = restored;
        List<CountSurgeDetector.Step> resumed = new ArrayList<>();
        for (int i = cut; i < counts.length; i++) {
            resumed.add(DETECTOR.step(state, at(i), counts[i]));
            state = resumed.get(resumed.size() - 1).state();
        }
        assertThat(resumed).isEqualTo(whole.subList(cut, counts.length));
        assertThat(state.size()).isLessThanOrEqualTo((7 * 24 + 1) * 12 + 1); // keeps a week and a band, no more
    }

    @Test
    void nothingIsJudgedBeforeThereIsAnEarlierDayToCompareWith() {
        List<CountSurgeDetector.Step> firstDay = run(surge(dailyRhythm(1, 6), 200, 12, 10)).subList(0, 22 * 12);

        assertThat(firstDay).allSatisfy(step -> {
            assertThat(step.alarm()).isFalse();
            assertThat(step.expected()).isNaN();
        });
    }

    @Test
    void rejectsPointsOutOfOrderAndNegativeCountsWithTheReason() {
        CountSurgeState state = DETECTOR.step(CountSurgeState.empty(), at(10), 5).state();

        assertThatThrownBy(() -> DETECTOR.step(state, at(10), 5)).hasMessageContaining("time order");
        assertThatThrownBy(() -> DETECTOR.step(state, at(11), -1)).hasMessageContaining("count must be >= 0");
        assertThatThrownBy(() -> new CountSurgeParams(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofDays(7),
                Duration.ofHours(1), 10, 2, 4, Duration.ofHours(2), true)).hasMessageContaining("stayZ <= openZ");
        assertThatThrownBy(() -> new CountSurgeParams(Duration.ofHours(2), Duration.ofHours(3), Duration.ofDays(7),
                Duration.ofHours(1), 10, 4, 2, Duration.ofHours(2), true)).hasMessageContaining("shortSumOver must be between 0 and sumOver");
    }
}
