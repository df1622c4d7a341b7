package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.RawRecord;
import dev.earshot.parse.ParseParams;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParsePostsTest {

    /** An X API v2 response with three tweets in its data array, one of them without its created_at. */
    static final String X_V2_RESPONSE = "{\"data\":["
            + "{\"id\":\"1001\",\"author_id\":\"7\",\"created_at\":\"2026-03-04T05:00:00.000Z\",\"text\":\"towed again\"},"
            + "{\"id\":\"1002\",\"author_id\":\"7\",\"created_at\":\"2026-03-04T05:01:00.000Z\",\"text\":\"still towed\"},"
            + "{\"id\":\"1003\",\"author_id\":\"7\",\"text\":\"no time\"}]}";

    @Test
    void aRecordHoldingSeveralPostsCountsEachRejectedOneSoThatItsItemsAddUp() throws Exception {
        OneInputStreamOperatorTestHarness<RawRecord, PostEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParsePosts(ParseParams.defaults()));

        harness.processElement(new RawRecord(X_V2_RESPONSE, "x.jsonl:1"), 1);
        harness.processElement(new RawRecord("{not json", "x.jsonl:2"), 2);
        harness.processElement(new RawRecord("caf\uFFFD", "x.jsonl:3", "line 3 is not valid UTF-8"), 3);

        assertThat(counts(harness)).containsEntry(Counters.RECORDS_READ, 3L).containsEntry(Counters.POSTS_VALID, 2L)
                .containsEntry(Counters.ITEMS_REJECTED, 3L).containsEntry(Counters.DEAD_LETTERS, 3L)
                .containsEntry(Counters.RECORDS_UNREADABLE, 1L)
                .as("a first attempt: no restart").containsEntry(Counters.RESTARTS, 0L);
        assertThat(harness.getSideOutput(ParsePosts.DEAD_LETTERS)).hasSize(3);
    }

    private static Map<String, Long> counts(OneInputStreamOperatorTestHarness<RawRecord, PostEvent> harness) {
        Map<String, Long> counts = new TreeMap<>();
        harness.getEnvironment().getAccumulatorRegistry().getUserMap()
                .forEach((name, accumulator) -> counts.put(name, (Long) accumulator.getLocalValue()));
        return counts;
    }
}
