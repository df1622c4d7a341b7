package dev.earshot.connectors.helpdesk;

import dev.earshot.json.Json;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import dev.earshot.model.TicketStatus;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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

    /** The version after {@code postId}'s author deleted it, as the ticket stage emits it: without its text. */
    static HandoffTicket deleted(HandoffTicket version, String postId) {
        List<TicketPost> posts = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < version.posts().size(); i++) {
            if (!version.posts().get(i).id().equals(postId)) {
                posts.add(version.posts().get(i));
                scores.add(version.sentimentTrajectory().get(i));
            }
        }
        List<String> removed = new ArrayList<>(version.removedPostIds());
        removed.add(postId);
        List<String> reasons = new ArrayList<>(version.reasons());
        reasons.add(removed.size() + (removed.size() == 1 ? " post" : " posts")
                + " removed at the author's request (deleted on the network)");
        return new HandoffTicket(version.id(), version.conversationKey(), TicketStatus.UPDATED, version.source(),
                version.customer(), version.account(), posts, version.topics(), version.location(), scores,
                version.priority(), version.linkedAlertIds(), reasons, version.openedAt(), version.updatedAt(), removed);
    }

    /** The version after {@code postId}'s author edited it, as the ticket stage emits it: as many posts, a new text. */
    static HandoffTicket edited(HandoffTicket version, String postId, String newText) {
        return edited(version, postId, newText, null);
    }

    /** As {@link #edited(HandoffTicket, String, String)}, by a network that says when: {@code editedAt}. */
    static HandoffTicket edited(HandoffTicket version, String postId, String newText, Instant editedAt) {
        List<TicketPost> posts = version.posts().stream().map(post -> post.id().equals(postId)
                ? new TicketPost(post.id(), post.createdAt(), newText, post.url(), post.sentimentScore(), post.label(), editedAt)
                : post).toList();
        return new HandoffTicket(version.id(), version.conversationKey(), TicketStatus.UPDATED, version.source(),
                version.customer(), version.account(), posts, version.topics(), version.location(),
                version.sentimentTrajectory(), version.priority(), version.linkedAlertIds(), version.reasons(),
                version.openedAt(), version.updatedAt(), version.removedPostIds());
    }

    /** The version after the customer wrote {@code post} too. */
    static HandoffTicket withPost(HandoffTicket version, TicketPost post) {
        List<TicketPost> posts = new ArrayList<>(version.posts());
        posts.add(post);
        List<Double> scores = new ArrayList<>(version.sentimentTrajectory());
        scores.add(post.sentimentScore());
        return new HandoffTicket(version.id(), version.conversationKey(), TicketStatus.UPDATED, version.source(),
                version.customer(), version.account(), posts, version.topics(), version.location(), scores,
                version.priority(), version.linkedAlertIds(), version.reasons(), version.openedAt(), post.createdAt(),
                version.removedPostIds());
    }

    /** The version with another priority and the same posts. */
    static HandoffTicket withPriority(HandoffTicket version, TicketPriority priority) {
        return new HandoffTicket(version.id(), version.conversationKey(), TicketStatus.UPDATED, version.source(),
                version.customer(), version.account(), version.posts(), version.topics(), version.location(),
                version.sentimentTrajectory(), priority, version.linkedAlertIds(), version.reasons(),
                version.openedAt(), version.updatedAt(), version.removedPostIds());
    }

    /** The checkpoint {@code delivery} takes after delivering {@code versions}. */
    static Map<String, DeliveredTicket> checkpointAfter(HelpdeskDelivery delivery, List<HandoffTicket> versions)
            throws InterruptedException {
        deliverAll(delivery, versions);
        return delivery.snapshot();
    }

    /** {@code writer} restored from {@code checkpoint} (a resume, a Flink restart), after it replayed {@code version}. */
    static HelpdeskDelivery replayed(HelpdeskDelivery writer, Map<String, DeliveredTicket> checkpoint, HandoffTicket version)
            throws InterruptedException {
        writer.restore(checkpoint);
        deliverAll(writer, List.of(version));
        return writer;
    }

    static void deliverAll(HelpdeskDelivery delivery, List<HandoffTicket> versions) throws InterruptedException {
        for (HandoffTicket version : versions) {
            delivery.submit(version);
        }
        delivery.awaitAll();
    }
}
