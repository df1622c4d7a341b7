package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.detect.BaselineParams;
import dev.earshot.detect.Finding;
import dev.earshot.detect.SeasonalSurgeParams;
import dev.earshot.model.AlertKind;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class OwnBaselineOperatorTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration SIZE = Duration.ofHours(2);
    private static final Duration SLIDE = Duration.ofMinutes(30);
    private static final int PER_DAY = 48;

    /** Posts per slide: 3 at night (before 06:00), 20 by day, in a fixed pattern that repeats each day. */
    private static long slidePosts(int slide) {
        int ofDay = slide % PER_DAY;
        return ofDay < 12 ? 3 : 20 + ofDay % 3;
    }

    private static TopicLocationStats window(int slide, long newestSlidePosts) {
        Instant end = START.plus(SLIDE.multipliedBy(slide + 1L));
        long posts = newestSlidePosts + IntStream.range(Math.max(0, slide - 3), slide).mapToLong(i -> slidePosts(i)).sum();
        return new TopicLocationStats("public_transport", "geonames:Mumbai", "Mumbai", "IN", end.minus(SIZE), end, posts,
                0, posts, 0, 0, 0, posts, List.of()).withLastSlide(newestSlidePosts, 0L);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TopicLocationStats, Finding> harness(
            SeasonalSurgeParams surge) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new OwnBaselineOperator(BaselineParams.defaults(), surge, SIZE, SLIDE), EarshotPipeline::cellKey,
                BasicTypeInfo.STRING_TYPE_INFO);
    }

    /** Three ordinary days, then the third day's 07:00 slide five times over; the last slide's surge finding. */
    private static Finding surgeOnDayThree(KeyedOneInputStreamOperatorTestHarness<String, TopicLocationStats, Finding> h)
            throws Exception {
        int surge = 2 * PER_DAY + 14;
        for (int slide = 0; slide < surge; slide++) {
            h.processElement(window(slide, slidePosts(slide)), slide);
        }
        h.processElement(window(surge, 5 * slidePosts(surge)), surge);
        List<Finding> findings = h.extractOutputValues();
        assertThat(findings).hasSize(2 * (surge + 1));
        return findings.get(findings.size() - 1);
    }

    @Test
    void theSeasonalSeriesKeptPerCellJudgesTheSurgeAgainstThisHourOnEarlierDays() throws Exception {
        var h = harness(SeasonalSurgeParams.defaults());
        h.open();

        Finding surge = surgeOnDayThree(h);

        assertThat(surge.kind()).isEqualTo(AlertKind.VOLUME_SURGE);
        assertThat(surge.anomalous()).isTrue();
        assertThat(surge.expected()).as("the same window on the two earlier days: 3 + 20 + 21 + 22 posts")
                .isCloseTo(66, within(1e-9));
        assertThat(surge.ratio()).isGreaterThan(1.5);
        assertThat(h.numKeyedStateEntries()).as("the window history and the slide series").isEqualTo(2);
        h.close();
    }

    @Test
    void turnedOffTheVolumeFindingIsTheNonSeasonalOneWhichMissesThisSurge() throws Exception {
        SeasonalSurgeParams d = SeasonalSurgeParams.defaults();
        var h = harness(new SeasonalSurgeParams(false, d.history(), d.band(), d.minBaselineSamples(), d.openZ(), d.stayZ(), d.weekly()));
        h.open();

        Finding surge = surgeOnDayThree(h);

        assertThat(surge.kind()).isEqualTo(AlertKind.VOLUME_SURGE);
        assertThat(surge.expected()).as("the median of the last day's windows, not this hour's").isNotCloseTo(66, within(5.0));
        assertThat(surge.anomalous()).as("a rise that the busy hours of the day hide").isFalse();
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.close();
    }
}
