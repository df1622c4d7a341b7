package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.RawRecord;
import dev.earshot.parse.ParseParams;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.junit.jupiter.api.Test;

class PaceReplayTest {

    private static RawRecord post(String id, String createdAt) {
        return new RawRecord("{\"id\":\"" + id + "\",\"source\":\"twitter\",\"createdAt\":\"" + createdAt + "\",\"text\":\"the bus is late again\","
                + "\"author\":{\"id\":\"a1\",\"handle\":\"rider\"}}", "test");
    }

    @Test
    void holdsEachPostBackUntilItsEventTimeIsDue() throws Exception {
        // At 3,600x, two hours of event time between the posts are two seconds of wall-clock time.
        PaceReplay pace = new PaceReplay(ParseParams.defaults(), 3_600);
        pace.open(DefaultOpenContext.INSTANCE);
        long start = System.nanoTime();
        pace.map(post("p1", "2026-03-02T08:00:00Z"));
        long afterFirst = System.nanoTime();
        RawRecord second = pace.map(post("p2", "2026-03-02T10:00:00Z"));

        assertThat((afterFirst - start) / 1e9).as("the first post goes at once").isLessThan(1.0);
        assertThat((System.nanoTime() - start) / 1e9).as("two hours of event time at 3,600x").isGreaterThanOrEqualTo(1.99);
        assertThat(second.value()).contains("\"p2\"");
    }

    @Test
    void aRecordWithoutEventTimePassesAtOnce() throws Exception {
        PaceReplay pace = new PaceReplay(ParseParams.defaults(), 1);
        pace.open(DefaultOpenContext.INSTANCE);
        pace.map(post("p1", "2026-03-02T08:00:00Z"));
        long start = System.nanoTime();
        RawRecord malformed = pace.map(new RawRecord("{not json", "test"));

        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
        assertThat(malformed.value()).isEqualTo("{not json");
    }
}
