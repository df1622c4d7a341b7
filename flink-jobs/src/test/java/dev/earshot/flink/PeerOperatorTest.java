package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.detect.Finding;
import dev.earshot.detect.PeerParams;
import dev.earshot.model.TopicLocationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerOperatorTest {

    static final Instant END = Instant.parse("2026-03-04T06:00:00Z");
    static final Instant START = END.minus(Duration.ofHours(2));
    static final Duration LATENESS = Duration.ofMinutes(15);

    private KeyedOneInputStreamOperatorTestHarness<Long, TopicLocationStats, Finding> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new PeerOperator(PeerParams.defaults(), LATENESS),
                EarshotPipeline::windowEndKey, BasicTypeInfo.LONG_TYPE_INFO);
    }

    static TopicLocationStats parking(String city, long posts, long negative) {
        return stats("parking", city, posts, negative);
    }

    static TopicLocationStats stats(String topic, String city, long posts, long negative) {
        return new TopicLocationStats(topic, "geonames:" + city, city, "IN", START, END, posts, negative,
                posts - negative, 0, 0, (double) negative / posts, posts, List.of());
    }

    @Test
    void aWindowThatFiresAgainReplacesItsCellInsteadOfCountingItTwice() throws Exception {
        long at = END.toEpochMilli() - 1;
        for (String city : List.of("Mumbai", "Delhi", "Chennai", "Pune")) {
            harness.processElement(parking(city, 30, 7), at);
        }
        harness.processElement(parking("Bengaluru", 30, 22), at);
        harness.processWatermark(at);
        assertThat(harness.extractOutputValues()).as("nothing is judged before the allowed lateness has passed").isEmpty();

        harness.processElement(parking("Bengaluru", 31, 23), at);
        harness.processWatermark(at + LATENESS.toMillis());

        List<Finding> findings = harness.extractOutputValues();
        assertThat(findings).extracting(Finding::locationId).doesNotHaveDuplicates().contains("geonames:Bengaluru");
        assertThat(findings).filteredOn(f -> f.locationId().equals("geonames:Bengaluru"))
                .singleElement().satisfies(f -> assertThat(f.posts()).isEqualTo(31));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void judgesEveryTopicOfAWindowTogether() throws Exception {
        long at = END.toEpochMilli() - 1;
        for (String topic : List.of("parking", "traffic")) {
            for (String city : List.of("Mumbai", "Delhi", "Chennai", "Pune")) {
                harness.processElement(stats(topic, city, 30, 7), at);
            }
        }
        harness.processElement(stats("parking", "Bengaluru", 40, 30), at);
        harness.processElement(stats("traffic", "Bengaluru", 30, 7), at);

        harness.processWatermark(at + LATENESS.toMillis());

        List<Finding> findings = harness.extractOutputValues();
        assertThat(findings).hasSize(10).extracting(Finding::topic).containsOnly("parking", "traffic");
        assertThat(findings).filteredOn(Finding::anomalous).singleElement()
                .satisfies(f -> assertThat(f.topic() + "|" + f.locationId()).isEqualTo("parking|geonames:Bengaluru"));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
