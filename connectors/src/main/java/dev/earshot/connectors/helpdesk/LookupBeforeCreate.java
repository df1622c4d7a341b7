package dev.earshot.connectors.helpdesk;

import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import java.util.concurrent.CompletableFuture;

/**
 * A helpdesk that holds one ticket per conversation: when this job does not know the conversation's ticket (a new
 * job, a replay, a rescale), it looks it up before creating one, so that a conversation never gets a second ticket.
 */
interface LookupBeforeCreate extends HelpdeskApi {

    /** The helpdesk's ticket for this conversation and the posts it holds, or null when there is none. */
    CompletableFuture<DeliveredTicket> find(HandoffTicket ticket);

    CompletableFuture<DeliveredTicket> create(HandoffTicket ticket);

    /** Adds the posts that {@code known} does not hold yet. */
    CompletableFuture<DeliveredTicket> update(HandoffTicket ticket, DeliveredTicket known);

    @Override
    default CompletableFuture<DeliveredTicket> deliver(HandoffTicket ticket, DeliveredTicket known) {
        CompletableFuture<DeliveredTicket> existing = known != null ? CompletableFuture.completedFuture(known) : find(ticket);
        return existing.thenCompose(found -> found == null ? create(ticket) : update(ticket, found));
    }
}
