package dev.earshot.respond;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic ticket ids, so that a replay of the same posts updates the same tickets rather than opening others. */
public final class TicketIds {

    private static final int LENGTH = 20;

    private TicketIds() {
    }

    /**
     * The first 20 hex characters of SHA-256 of the conversation key and the id of the ticket's first venting post:
     * the post tells apart the tickets one conversation opens over time.
     */
    public static String of(String conversationKey, String firstVentingPostId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((conversationKey + "\n" + firstVentingPostId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
