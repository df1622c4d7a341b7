package dev.earshot.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(500));

    @Test
    void backOffDoublesFromTheInitialWaitUpToTheLongest() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(1000)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void retriesStopAfterTheLimit() {
        assertThat(policy.allowsRetry(0)).isTrue();
        assertThat(policy.allowsRetry(3)).isTrue();
        assertThat(policy.allowsRetry(4)).isFalse();
        assertThat(new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)).allowsRetry(0)).isFalse();
    }

    @Test
    void onlyOverloadAndUnavailabilityAreWorthAnotherTry() {
        assertThat(RetryPolicy.isTransient(429)).isTrue();
        assertThat(RetryPolicy.isTransient(502)).isTrue();
        assertThat(RetryPolicy.isTransient(503)).isTrue();
        assertThat(RetryPolicy.isTransient(504)).isTrue();
        assertThat(RetryPolicy.isTransient(400)).as("a mapping error fails again").isFalse();
        assertThat(RetryPolicy.isTransient(404)).isFalse();
        assertThat(RetryPolicy.isTransient(409)).isFalse();
        assertThat(RetryPolicy.isTransient(500)).isFalse();
    }

    @Test
    void badSettingsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageContaining("maxRetries must be >= 0, was -1");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofMillis(1)))
                .hasMessageContaining("initialBackoff must be positive");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff must be >= initialBackoff");
    }
}
