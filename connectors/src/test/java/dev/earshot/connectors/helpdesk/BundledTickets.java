package dev.earshot.connectors.helpdesk;

import dev.earshot.json.Json;
import dev.earshot.model.HandoffTicket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The ticket versions a local run over the bundled stream emits: 3 tickets, 10 versions, 10 posts. */
final class BundledTickets {

    static final Map<String, String> ZENDESK_ENV = Map.of("ZENDESK_EMAIL", FakeZendesk.EMAIL, "ZENDESK_API_TOKEN", FakeZendesk.TOKEN);

    private BundledTickets() {
    }

    static List<HandoffTicket> versions() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                BundledTickets.class.getResourceAsStream("/helpdesk/bundled-tickets.jsonl"), StandardCharsets.UTF_8))) {
            return in.lines().map(line -> Json.read(line, HandoffTicket.class)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deliverAll(HelpdeskDelivery delivery, List<HandoffTicket> versions) throws InterruptedException {
        for (HandoffTicket version : versions) {
            delivery.submit(version);
        }
        delivery.awaitAll();
    }
}
