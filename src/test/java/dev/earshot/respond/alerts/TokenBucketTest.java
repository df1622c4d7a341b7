package dev.earshot.respond.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final Instant T0 = Instant.parse("2026-03-04T06:00:00Z");

    @Test
    void aBurstGoesAtOnceThenEachMessageWaitsForItsToken() {
        TokenBucket bucket = new TokenBucket(new RateLimit(60.0, 2, Duration.ofMinutes(1)), T0);

        assertThat(bucket.reserve(T0)).contains(Duration.ZERO);
        assertThat(bucket.reserve(T0)).contains(Duration.ZERO);
        assertThat(bucket.reserve(T0)).contains(Duration.ofSeconds(1));
        assertThat(bucket.reserve(T0)).contains(Duration.ofSeconds(2));
    }

    @Test
    void tokensRefillWithTimeUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(new RateLimit(60.0, 2, Duration.ofMinutes(1)), T0);
        bucket.reserve(T0);
        bucket.reserve(T0);

        Instant later = T0.plusSeconds(3600);
        assertThat(bucket.reserve(later)).contains(Duration.ZERO);
        assertThat(bucket.reserve(later)).contains(Duration.ZERO);
        assertThat(bucket.reserve(later)).contains(Duration.ofSeconds(1));
    }

    @Test
    void aWaitLongerThanMaxWaitIsRefusedAndTakesNoToken() {
        TokenBucket bucket = new TokenBucket(new RateLimit(6.0, 1, Duration.ofSeconds(10)), T0);
        assertThat(bucket.reserve(T0)).contains(Duration.ZERO);
        assertThat(bucket.reserve(T0)).contains(Duration.ofSeconds(10));

        assertThat(bucket.reserve(T0)).isEmpty();
        assertThat(bucket.reserve(T0.plusSeconds(10))).contains(Duration.ofSeconds(10));
    }
}
