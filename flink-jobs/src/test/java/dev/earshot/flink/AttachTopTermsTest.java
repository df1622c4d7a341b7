package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.LocationLevel;
import dev.earshot.model.StatsView;
import dev.earshot.model.TermCount;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttachTopTermsTest {

    static final Duration SIZE = Duration.ofHours(2);
    static final Duration SLIDE = Duration.ofMinutes(30);
    static final Duration LATENESS = Duration.ofMinutes(15);
    static final Instant END = Instant.parse("2026-03-04T06:00:00Z");
    static final List<TermCount> TERMS = List.of(new TermCount("tow", 12), new TermCount("fine", 5));

    private KeyedTwoInputStreamOperatorTestHarness<String, TopicLocationStats, Alert, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new AttachTopTerms(LATENESS, SLIDE),
                EarshotPipeline::cellKey, AttachTopTerms::cellKey, BasicTypeInfo.STRING_TYPE_INFO);
    }

    static TopicLocationStats stats(Instant windowEnd, List<TermCount> terms) {
        return new TopicLocationStats("parking", "geonames:1277333", "Bengaluru", "IN", windowEnd.minus(SIZE), windowEnd,
                40, 30, 6, 4, -0.4, 0.75, 37, List.of("twitter:1"), LocationLevel.CITY, StatsView.SLIDING, terms, null, null);
    }

    static Alert alert(Instant windowEnd, AlertStatus status) {
        return new Alert("incident-1", AlertKind.PEER_OUTLIER, status, "parking", "geonames:1277333", "Bengaluru",
                windowEnd.minus(SIZE), windowEnd, END, 0.75, 0.25, 3, 2, 5, 40, 5, List.of("twitter:1"), "summary");
    }

    @Test
    void anAlertThatArrivesAfterItsWindowsStatsGetsItsTermsAtOnce() throws Exception {
        harness.processElement1(stats(END, TERMS), END.toEpochMilli() - 1);
        harness.processElement2(alert(END, AlertStatus.OPEN), END.toEpochMilli() - 1);

        assertThat(harness.extractOutputValues()).singleElement().extracting(Alert::topTerms).isEqualTo(TERMS);
    }

    @Test
    void anAlertThatOvertakesItsStatsWaitsForThemAndLaterVersionsKeepTheirOrder() throws Exception {
        Instant next = END.plus(SLIDE);
        harness.processElement2(alert(END, AlertStatus.OPEN), END.toEpochMilli() - 1);
        harness.processElement1(stats(next, List.of(new TermCount("meter", 3))), next.toEpochMilli() - 1);
        harness.processElement2(alert(next, AlertStatus.UPDATED), next.toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).as("the OPEN version still waits for its terms").isEmpty();

        harness.processElement1(stats(END, TERMS), END.toEpochMilli() - 1);

        assertThat(harness.extractOutputValues()).extracting(Alert::status, Alert::topTerms).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertStatus.OPEN, TERMS),
                org.assertj.core.groups.Tuple.tuple(AlertStatus.UPDATED, List.of(new TermCount("meter", 3))));
    }

    @Test
    void anAlertForAWindowWithoutStatsLeavesAtTheWatermarkWithoutTermsAndTheStateIsDroppedLater() throws Exception {
        harness.processElement1(stats(END, TERMS), END.toEpochMilli() - 1);
        Instant quiet = END.plus(SLIDE);
        harness.processElement2(alert(quiet, AlertStatus.RESOLVED), quiet.toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processBothWatermarks(new Watermark(quiet.toEpochMilli() - 1));
        assertThat(harness.extractOutputValues()).singleElement().extracting(Alert::topTerms).isNull();

        harness.processBothWatermarks(new Watermark(END.plus(LATENESS).plus(SLIDE).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
