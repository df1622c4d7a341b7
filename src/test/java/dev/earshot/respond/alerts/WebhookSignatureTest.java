package dev.earshot.respond.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] KEY = "whsec_test_key_0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"id\":\"a1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant SENT = Instant.ofEpochSecond(1772604000L);

    @Test
    void matchesAnIndependentHmacOfTimestampDotBody() {
        // printf '1772604000.{"id":"a1"}' | openssl dgst -sha256 -hmac 'whsec_test_key_0123456789'
        assertThat(WebhookSignature.sign(KEY, 1772604000L, BODY))
                .isEqualTo("sha256=bb5e19fb93ecbfd378b72a587ac4f238c9613ba44b7666fdc12bf74e5cc1aeda");
    }

    @Test
    void aReceiverAcceptsTheGenuineRequestAndRejectsTamperingAndReplays() {
        String signature = WebhookSignature.sign(KEY, SENT.getEpochSecond(), BODY);
        Duration tolerance = Duration.ofMinutes(5);

        assertThat(WebhookSignature.verify(KEY, "1772604000", signature, BODY, SENT.plusSeconds(30), tolerance)).isTrue();
        assertThat(WebhookSignature.verify(KEY, "1772604000", signature, "{\"id\":\"a2\"}".getBytes(StandardCharsets.UTF_8),
                SENT, tolerance)).as("another body").isFalse();
        assertThat(WebhookSignature.verify(KEY, "1772604001", signature, BODY, SENT, tolerance)).as("another timestamp").isFalse();
        assertThat(WebhookSignature.verify(KEY, "1772604000", signature, BODY, SENT.plus(Duration.ofMinutes(6)), tolerance))
                .as("a replay after the tolerance").isFalse();
        assertThat(WebhookSignature.verify("another-key-0123456".getBytes(StandardCharsets.UTF_8), "1772604000", signature,
                BODY, SENT, tolerance)).as("another key").isFalse();
        assertThat(WebhookSignature.verify(KEY, "1772604000", "sha256=zz", BODY, SENT, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(KEY, null, signature, BODY, SENT, tolerance)).isFalse();
    }
}
