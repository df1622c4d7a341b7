package dev.earshot.respond.alerts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How generic webhook requests are signed, so that receivers can tell they come from us and are fresh.
 *
 * <p>Each request carries two headers:
 * <pre>
 * X-Earshot-Timestamp: 1772604000                     (Unix seconds when this attempt was sent)
 * X-Earshot-Signature: sha256=&lt;hex&gt;                   (lower-case hex HMAC-SHA256)
 * </pre>
 * The HMAC key is the UTF-8 bytes of the channel's secret; the signed material is the timestamp's decimal
 * digits, a full stop, then the body's exact bytes: {@code HMAC-SHA256(key, timestamp + "." + body)}.
 * A receiver recomputes it over the raw body it read (before any JSON parsing), compares in constant time, and
 * rejects a timestamp more than a few minutes from its clock, which stops replays of a captured request. Each
 * retry is signed afresh with its own timestamp; its {@code Idempotency-Key} stays the same.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Earshot-Signature";
    public static final String TIMESTAMP_HEADER = "X-Earshot-Timestamp";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The {@value #SIGNATURE_HEADER} value for this body sent at this timestamp. */
    public static String sign(byte[] key, long timestampSeconds, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(key, timestampSeconds, body));
    }

    /** A receiver's check: the signature matches and the timestamp is within {@code tolerance} of {@code now}. */
    public static boolean verify(byte[] key, String timestampHeader, String signatureHeader, byte[] body,
                                 Instant now, Duration tolerance) {
        if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
            return false;
        }
        long timestamp;
        byte[] claimed;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
            claimed = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        return MessageDigest.isEqual(hmac(key, timestamp, body), claimed);
    }

    private static byte[] hmac(byte[] key, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256 with any non-empty key", e);
        }
    }
}
