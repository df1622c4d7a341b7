package dev.earshot.connectors.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.RawRecord;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Discourse feed polling a local forum's {@code /posts.json}. */
class DiscourseFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));

    private FakeDiscourse forum;

    @BeforeEach
    void start() throws Exception {
        forum = new FakeDiscourse();
    }

    @AfterEach
    void stop() {
        forum.close();
    }

    private DiscourseFeed feed() {
        return new DiscourseFeed(DiscourseOptions.latest(forum.forum()).withPollInterval(Duration.ofMillis(200)).withReconnect(FAST));
    }

    private static List<String> origins(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> "discourse 127.0.0.1 post " + id).toList();
    }

    @Test
    void startsWithTheLatestPageThenPagesBackToTheCursorWhenMorePostsCameThanAPageHolds() throws Exception {
        LongStream.rangeClosed(101, 105).forEach(id -> forum.post(id, "post " + id));
        try (Following following = new Following(feed(), null)) {
            following.awaitRecords(records -> records.size() == 3, WAIT);
            LongStream.rangeClosed(106, 112).forEach(id -> forum.post(id, "post " + id));
            following.awaitRecords(records -> records.size() == 10, WAIT);
            Thread.sleep(500); // further polls find nothing new

            assertThat(following.records()).extracting(RawRecord::origin).containsExactlyElementsOf(origins(103, 112));
            assertThat(following.records().get(0).value()).isEqualTo(FakeDiscourse.postJson(103, "post 103"));
            assertThat(following.cursor()).isEqualTo("112");
            assertThat(forum.requests).contains("/posts.json?before=110", "/posts.json?before=107");
        }
    }

    @Test
    void aRateLimitIsWaitedOutAndAMalformedPostIsPassedOnOnce() throws Exception {
        LongStream.rangeClosed(101, 102).forEach(id -> forum.post(id, "post " + id));
        forum.refuseNextRequest(429);
        long start = System.nanoTime();
        try (Following following = new Following(feed(), "100")) {
            following.awaitRecords(records -> records.size() == 2, WAIT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            forum.postAsIs("{\"name\":\"no id\",\"cooked\":\"<p>?</p>\"}");
            forum.post(103, "post 103");
            following.awaitRecords(records -> records.size() == 4, WAIT);
            Thread.sleep(500);

            assertThat(following.records()).extracting(RawRecord::origin).containsExactly("discourse 127.0.0.1 post 101",
                    "discourse 127.0.0.1 post 102", "discourse 127.0.0.1 post 103", "discourse 127.0.0.1 post (no id)");
            assertThat(following.cursor()).isEqualTo("103");
        }
    }
}
