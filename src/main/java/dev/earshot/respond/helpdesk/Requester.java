package dev.earshot.respond.helpdesk;

import dev.earshot.model.Author;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Who a helpdesk ticket is from. Social customers have no e-mail address, and helpdesks need an identity to
 * file a requester under, so each customer gets a stable placeholder one:
 *
 * <ul>
 *   <li>{@code name}: {@code @handle (network)}, what an agent reads;</li>
 *   <li>{@code placeholderEmail}: {@code <network>.<account id>@<domain>}. The default domain ends in
 *       {@code .invalid} (RFC 2606), so no helpdesk notification can ever reach a real mailbox; the local part is
 *       the account id made e-mail safe, with a short hash when that lost characters, so two customers never
 *       share one;</li>
 *   <li>{@code externalId}: {@code <network>:<account id>}, for helpdesks that file requesters by an external id
 *       (Freshdesk's {@code unique_external_id});</li>
 *   <li>{@code twitterHandle}: the handle for Twitter/X posts, which Freshdesk files under {@code twitter_id}.</li>
 * </ul>
 */
public record Requester(String name, String placeholderEmail, String externalId, String twitterHandle) {

    public static final String DEFAULT_DOMAIN = "social.earshot.invalid";

    public static Requester of(String source, Author author, String domain) {
        String network = source == null || source.isBlank() ? "social" : source.toLowerCase(Locale.ROOT);
        String shown = author.handle() == null || author.handle().isBlank() ? author.id() : author.handle();
        String local = emailSafe(network + "." + author.id());
        String twitter = network.equals("twitter") || network.equals("x") ? shown : null;
        return new Requester("@" + shown + " (" + network + ")", local + "@" + domain, network + ":" + author.id(), twitter);
    }

    private static String emailSafe(String text) {
        String safe = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (safe.equals(text)) {
            return safe;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return safe + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
