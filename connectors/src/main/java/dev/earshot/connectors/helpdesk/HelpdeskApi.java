package dev.earshot.connectors.helpdesk;

import dev.earshot.connectors.Secrets;

import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
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

    /**
     * The Earshot tickets whose {@code known} state comes from a checkpoint (a resume, a Flink restart): the helpdesk
     * may hold posts delivered after it. A helpdesk that can be read checks before adding any; a webhook cannot.
     */
    default void restored(Collection<String> ticketIds) {
    }

    /** The API for the configured helpdesk, with its credentials read from {@code secrets}. */
    static HelpdeskApi create(HelpdeskSettings settings, Secrets secrets, DeliveryCounters counters, Clock clock) {
        settings.checkSecrets(secrets);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String name = settings.kind().name().toLowerCase(java.util.Locale.ROOT);
        HttpCalls calls = new HttpCalls(name, client, settings, authorization(settings, secrets), redactor(settings, secrets),
                counters, clock);
        return switch (settings.kind()) {
            case ZENDESK -> new ZendeskApi(settings, clock, calls, counters);
            case FRESHDESK -> new FreshdeskApi(settings, clock, calls, counters);
            case WEBHOOK -> new WebhookApi(settings, clock, calls, counters);
        };
    }

    /** The Authorization header the helpdesk's requests carry, or null (a webhook without a token). */
    static String authorization(HelpdeskSettings settings, Secrets secrets) {
        return switch (settings.kind()) {
            case ZENDESK -> basic(secrets.get(settings.emailEnv()) + "/token:" + secrets.get(settings.tokenEnv()));
            case FRESHDESK -> basic(secrets.get(settings.tokenEnv()) + ":X");
            case WEBHOOK -> settings.tokenEnv() == null || settings.tokenEnv().isBlank() ? null
                    : "Bearer " + secrets.get(settings.tokenEnv());
        };
    }

    /** Blanks the credentials of {@link #authorization}, in each form they are sent, from text shown to people. */
    static Redactor redactor(HelpdeskSettings settings, Secrets secrets) {
        String authorization = authorization(settings, secrets);
        String token = settings.tokenEnv() == null || settings.tokenEnv().isBlank() ? null : secrets.get(settings.tokenEnv());
        return authorization == null ? new Redactor(List.of())
                : new Redactor(java.util.Arrays.asList(token, authorization, authorization.substring(authorization.indexOf(' ') + 1)));
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
