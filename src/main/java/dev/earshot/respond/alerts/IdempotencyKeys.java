package dev.earshot.respond.alerts;

import dev.earshot.model.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} of a delivery: the same on every retry and on a replay of the same alert version,
 * different per channel. The window end is part of it because an incident has several UPDATED versions, and a
 * receiver that deduplicates must not drop the second one.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** 32 hex characters of SHA-256 over the alert id, status, window end and channel name. */
    public static String of(Alert alert, String channelName) {
        String material = String.join("\n", alert.id(), alert.status().name(), String.valueOf(alert.windowEnd()), channelName);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
