package dev.earshot.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.http.ConnectFailures;
import dev.earshot.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks the helpdesk once, before the job starts, who its credentials belong to: Zendesk's {@code GET
 * /api/v2/users/me.json}, Freshdesk's {@code GET /api/v2/agents/me}. Both only read, and need the same credentials as
 * a delivery. Without this, a wrong address or a revoked token shows only as dead letters at the end of the run.
 *
 * <p>What stops start-up: a connection refused or not made, an unknown host, 401 or 403 (the credentials), 404 (no
 * such API at the address), or an answer that is not the helpdesk's. A helpdesk that is busy or failing (429, 5xx, a
 * slow answer) gives a note: deliveries retry, and what they cannot deliver becomes dead letters. A webhook helpdesk
 * is not contacted: it has no read-only call, and any request (even a HEAD) may be taken for a ticket.
 */
public final class HelpdeskAccess {

    private static final String KEY = "respond.helpdesk.";

    private HelpdeskAccess() {
    }

    /**
     * @return a note worth a line (the helpdesk is failing now, or is a webhook and was not asked)
     * @throws IllegalStateException when the helpdesk cannot take tickets, with a message naming the key and the fix
     */
    public static Optional<String> check(HelpdeskSettings settings, Secrets secrets, Duration timeout) {
        settings.checkSecrets(secrets);
        String name = settings.kind().name().toLowerCase(Locale.ROOT);
        String base = settings.apiBase();
        if (settings.kind() == HelpdeskKind.WEBHOOK) {
            return Optional.of("the helpdesk webhook at " + ConnectFailures.shown(URI.create(base)) + " (respond.helpdesk.url)"
                    + " is not contacted at start: a webhook has no call that only reads, and any request may be taken for"
                    + " a ticket; tickets it refuses become dead letters, counted in the summary");
        }
        URI uri = URI.create(base + (settings.kind() == HelpdeskKind.ZENDESK ? "/api/v2/users/me.json" : "/api/v2/agents/me"));
        String asked = "GET " + uri.getRawPath();
        String where = name + " at " + base;
        Redactor redactor = HelpdeskApi.redactor(settings, secrets);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header("Authorization", HelpdeskApi.authorization(settings, secrets)).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // Connected but no answer in time: the helpdesk is slow, not unreachable.
            if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
                return Optional.of(where + " did not answer " + asked + " within " + timeout.toSeconds() + "s: the run "
                        + "starts, and tickets it cannot deliver become dead letters (helpdesk-dead-letters)");
            }
            throw new IllegalStateException(redactor.redact("cannot reach " + where + " (" + KEY + "url): "
                    + ConnectFailures.describe(e, uri) + "; check the address, and that this machine can reach it"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + where, e);
        }
        int status = response.statusCode();
        String answered = "HTTP " + status + " to " + asked + shown(response.body());
        if (status == 401 || status == 403 || (status == 200 && anonymous(settings.kind(), response.body()))) {
            throw new IllegalStateException(redactor.redact(where + " refused the credentials (" + answered + "): "
                    + credentialsFix(settings, status)));
        }
        if (status == 404) {
            throw new IllegalStateException(redactor.redact("no " + name + " API at " + base + " (" + answered + "): set "
                    + KEY + "url to the account's address without a path, e.g. https://acme." + name + ".com"));
        }
        if (status == 429 || status >= 500) {
            return Optional.of(redactor.redact(where + " answered " + answered + ": the run starts, and tickets it cannot"
                    + " deliver become dead letters (helpdesk-dead-letters)"));
        }
        if (status != 200 || !isJsonObject(response.body())) {
            throw new IllegalStateException(redactor.redact("the server at " + base + " (" + KEY + "url) is not " + name
                    + "'s API: it answered " + answered + "; set " + KEY + "url to the account's address, e.g. https://acme."
                    + name + ".com"));
        }
        return Optional.empty();
    }

    /**
     * Zendesk answers {@code users/me} without valid credentials on some accounts with the anonymous user (no id),
     * not a 401.
     */
    private static boolean anonymous(HelpdeskKind kind, String body) {
        return kind == HelpdeskKind.ZENDESK && isJsonObject(body) && Json.read(body, JsonNode.class).path("user").path("id").isNull();
    }

    private static String credentialsFix(HelpdeskSettings settings, int status) {
        String permission = status == 403 ? "; a 403 also means the user may not use the API (an agent or admin"
                + " role, and API access turned on in the helpdesk's admin settings)" : "";
        return settings.kind() == HelpdeskKind.ZENDESK
                ? "check that " + settings.emailEnv() + " (" + KEY + "emailEnv) holds the agent's e-mail and "
                        + settings.tokenEnv() + " (" + KEY + "tokenEnv) an active API token of that account" + permission
                : "check that " + settings.tokenEnv() + " (" + KEY + "tokenEnv) holds the API key from the agent's "
                        + "Profile settings in that account" + permission;
    }

    private static boolean isJsonObject(String body) {
        try {
            return body != null && Json.read(body, JsonNode.class).isObject();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String shown(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return oneLine.isEmpty() ? "" : ": " + (oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine);
    }
}
