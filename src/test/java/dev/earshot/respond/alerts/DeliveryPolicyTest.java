package dev.earshot.respond.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.respond.alerts.DeliveryPolicy.Next;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private static final DeliveryPolicy POLICY = new DeliveryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(5), 32);

    @Test
    void backoffDoublesWithJitterInTheUpperHalfAndIsCapped() {
        assertThat(POLICY.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(POLICY.backoff(1, 0.999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(POLICY.backoff(2, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(POLICY.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(POLICY.backoff(4, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(POLICY.backoff(10, 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(POLICY.backoff(10, 0.999)).isBetween(Duration.ofMillis(9990), Duration.ofSeconds(10));
    }

    @Test
    void aMessageSettlesAtLatestAfterEveryAttemptsTimeoutsAndTheLongestWaitItMayBeAskedFor() {
        // 5 attempts x (10 s request + 5 s connect + 5 min Retry-After, which exceeds the 10 s backoff cap)
        assertThat(POLICY.longestSettle()).isEqualTo(Duration.ofSeconds(5 * (10 + 5 + 300)));
    }

    @Test
    void retryableFailuresAreRetriedUntilTheLastAttempt() {
        assertThat(POLICY.afterFailure(1, "HTTP 503", true, Optional.empty(), 0.0)).isEqualTo(new Next.Retry(Duration.ofMillis(500)));
        Next last = POLICY.afterFailure(5, "HTTP 503", true, Optional.empty(), 0.0);
        assertThat(last).isEqualTo(new Next.GiveUp("gave up after 5 attempts, the last: HTTP 503"));
    }

    @Test
    void retryAfterIsHonouredExactlyUnlessItAsksForTooLong() {
        assertThat(POLICY.afterFailure(1, "HTTP 429", true, Optional.of(Duration.ofSeconds(30)), 0.9))
                .isEqualTo(new Next.Retry(Duration.ofSeconds(30)));
        assertThat(POLICY.afterFailure(1, "HTTP 429", true, Optional.of(Duration.ofHours(1)), 0.9))
                .isEqualTo(new Next.GiveUp("HTTP 429; the endpoint asked to wait 3600s (Retry-After), longer than maxRetryAfter 300s"));
    }

    @Test
    void refusedRequestsAreNotRetried() {
        assertThat(POLICY.afterFailure(1, "HTTP 400: invalid_payload", false, Optional.empty(), 0.0))
                .isEqualTo(new Next.GiveUp("HTTP 400: invalid_payload (not retried: the request itself was refused)"));
        assertThat(DeliveryPolicy.isRetryable(400)).isFalse();
        assertThat(DeliveryPolicy.isRetryable(404)).isFalse();
        assertThat(DeliveryPolicy.isRetryable(501)).isFalse();
        assertThat(DeliveryPolicy.isRetryable(408)).isTrue();
        assertThat(DeliveryPolicy.isRetryable(429)).isTrue();
        assertThat(DeliveryPolicy.isRetryable(500)).isTrue();
        assertThat(DeliveryPolicy.isRetryable(503)).isTrue();
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-03-04T06:00:00Z");
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Wed, 04 Mar 2026 06:00:45 GMT", now)).contains(Duration.ofSeconds(45));
        assertThat(RetryAfter.parse("Wed, 04 Mar 2026 05:59:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    @Test
    void badValuesNameTheKeyAndAnExample() {
        assertThatThrownBy(() -> new DeliveryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5), 32))
                .hasMessage("maxAttempts must be in [1, 20], e.g. 5; was 0");
        assertThatThrownBy(() -> new DeliveryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5), 32))
                .hasMessageContaining("maxBackoff (PT1S) must not be shorter than initialBackoff (PT10S)");
        assertThatThrownBy(() -> new DeliveryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ZERO, Duration.ofSeconds(5), 32))
                .hasMessage("requestTimeout must be a positive duration, e.g. 10s; was PT0S");
    }
}
