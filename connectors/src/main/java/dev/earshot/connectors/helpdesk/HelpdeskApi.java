package dev.earshot.connectors.helpdesk;

import dev.earshot.connectors.Secrets;

import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One helpdesk's way of taking a ticket version. Calls for one ticket never overlap; calls for different ones may. */
interface HelpdeskApi {

    /**
     * Brings the helpdesk up to {@code ticket}: opens its helpdesk ticket if there is none, else adds the posts it
     * does not hold yet, and removes the text of those it holds that {@code ticket} lists as deleted by their authors.
     *
     * @param known what this job already delivered of the ticket, or null when it does not know
     * @return what the helpdesk holds afterwards
     */
    CompletableFuture<DeliveredTicket> deliver(HandoffTicket ticket, DeliveredTicket known);

    /** The API for the configured helpdesk, with its credentials read from {@code secrets}. */
    static HelpdeskApi create(HelpdeskSettings settings, Secrets secrets, DeliveryCounters counters, Clock clock) {
        settings.checkSecrets(secrets);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String name = settings.kind().name().toLowerCase(java.util.Locale.ROOT);
        return switch (settings.kind()) {
            case ZENDESK -> {
                String email = secrets.get(settings.emailEnv());
                String token = secrets.get(settings.tokenEnv());
                String authorization = basic(email + "/token:" + token);
                yield new ZendeskApi(settings, clock, new HttpCalls(name, client, settings, authorization,
                        new Redactor(List.of(token, authorization, authorization.substring("Basic ".length()))), counters, clock),
                        counters);
            }
            case FRESHDESK -> {
                String key = secrets.get(settings.tokenEnv());
                String authorization = basic(key + ":X");
                yield new FreshdeskApi(settings, clock, new HttpCalls(name, client, settings, authorization,
                        new Redactor(List.of(key, authorization, authorization.substring("Basic ".length()))), counters, clock),
                        counters);
            }
            case WEBHOOK -> {
                String token = settings.tokenEnv() == null || settings.tokenEnv().isBlank() ? null : secrets.get(settings.tokenEnv());
                String authorization = token == null ? null : "Bearer " + token;
                yield new WebhookApi(settings, clock, new HttpCalls(name, client, settings, authorization,
                        new Redactor(token == null ? List.of() : List.of(token)), counters, clock), counters);
            }
        };
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
