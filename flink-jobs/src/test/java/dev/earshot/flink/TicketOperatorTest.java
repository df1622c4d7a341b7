package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.Author;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.Location;
import dev.earshot.model.LocationMethod;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketStatus;
import dev.earshot.respond.ConversationKey;
import dev.earshot.respond.HandoffRules;
import dev.earshot.respond.VentingClassifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TicketOperatorTest {

    static final Instant T0 = Instant.parse("2026-03-04T05:00:00Z");
    static final Location BENGALURU = new Location("geonames:1277333", "Bengaluru", "Karnataka", "IN",
            new GeoPoint(12.97, 77.59), LocationMethod.TEXT, 0.7);
    static final Author RAMESH = new Author("u1", "ramesh", 40, "Bangalore");

    private final HandoffRules rules = HandoffRules.defaults();
    private KeyedBroadcastOperatorTestHarness<String, ConversationEvent, Alert, HandoffTicket> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new TicketOperator(rules),
                ConversationEvent::conversationKey, BasicTypeInfo.STRING_TYPE_INFO, EarshotPipeline.INCIDENTS_BY_ID,
                EarshotPipeline.ALERTS_BY_ID);
    }

    /** Both inputs: the operator's event time is the slower of the posts and the alerts. */
    private void advanceEventTime(long watermark) throws Exception {
        harness.processWatermark(watermark);
        harness.processBroadcastWatermark(watermark);
    }

    /** The broadcast harness has no counter of keyed state: read the heap backend the harness runs on. */
    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private ConversationEvent angry(String id, Instant at, double score) {
        Post post = new Post(id, "twitter", at, "@CityCareDesk towed again, no response " + id, "en", RAMESH, null,
                null, null, null, null, null, null, List.of("CityCareDesk"));
        EnrichedPost enriched = new EnrichedPost(post, new Sentiment(score, SentimentLabel.NEGATIVE, 0.8, "test"),
                List.of("parking"), BENGALURU);
        var assessment = new VentingClassifier(rules).assess(enriched);
        return ConversationEvent.of(new AddressedPost(ConversationKey.of(enriched, assessment.account()), enriched, assessment));
    }

    private static Alert parkingIncident(Instant openedAt) {
        return parkingIncident("incident-1", openedAt);
    }

    private static Alert parkingIncident(String id, Instant openedAt) {
        return new Alert(id, AlertKind.PEER_OUTLIER, AlertStatus.OPEN, "parking", "geonames:1277333",
                "Bengaluru", openedAt.minus(Duration.ofHours(2)), openedAt, openedAt, 0.75, 0.25, 3, 2, 5, 40, 6,
                List.of(), "Parking posts in Bengaluru are 3.0x more negative than in other cities");
    }

    @Test
    void postsArrivingOutOfOrderBecomeOneTicketInEventTimeOrder() throws Exception {
        harness.processElement(angry("twitter:2", T0.plusSeconds(600), -0.8), T0.plusSeconds(600).toEpochMilli());
        harness.processElement(angry("twitter:1", T0, -0.4), T0.toEpochMilli());

        advanceEventTime(T0.plusSeconds(600).toEpochMilli());

        List<HandoffTicket> versions = harness.extractOutputValues();
        assertThat(versions).extracting(HandoffTicket::status).containsExactly(TicketStatus.OPEN, TicketStatus.UPDATED);
        assertThat(versions).extracting(HandoffTicket::id).containsOnly(versions.get(0).id());
        assertThat(versions.get(1).posts()).extracting(TicketPost::id).containsExactly("twitter:1", "twitter:2");
    }

    @Test
    void aPostIsLinkedToTheIncidentsOpenAtItsEventTime() throws Exception {
        harness.processBroadcastElement(parkingIncident(T0.plusSeconds(300)), T0.plusSeconds(300).toEpochMilli());
        harness.processElement(angry("twitter:1", T0, -0.6), T0.toEpochMilli());
        harness.processElement(angry("twitter:2", T0.plusSeconds(600), -0.8), T0.plusSeconds(600).toEpochMilli());

        advanceEventTime(T0.plusSeconds(600).toEpochMilli());

        List<HandoffTicket> versions = harness.extractOutputValues();
        assertThat(versions.get(0).linkedAlertIds()).as("posted before the incident opened").isEmpty();
        assertThat(versions.get(1).linkedAlertIds()).containsExactly("incident-1");
    }

    /** A version of the parking incident, sent as the lifecycle sends it: stamped with the event time it is raised at. */
    private void alertVersion(AlertStatus status, Instant openedAt, Instant windowEnd, Instant raisedAt) throws Exception {
        harness.processBroadcastElement(parkingVersion(status, openedAt, windowEnd), raisedAt.toEpochMilli());
    }

    private static Alert parkingVersion(AlertStatus status, Instant openedAt, Instant windowEnd) {
        Alert opened = parkingIncident(openedAt);
        return new Alert(opened.id(), opened.kind(), status, opened.topic(), opened.locationId(), opened.locationName(),
                windowEnd.minus(Duration.ofHours(2)), windowEnd, openedAt, 0.75, 0.25, 3, 2, 5, 40, 6, List.of(), opened.summary());
    }

    /**
     * The sample's Bengaluru customer on Kafka: the alerts ran ahead of the posts, and the incident had been resolved,
     * hours of event time later, before the posts written while it was open were released.
     */
    @Test
    void aPostIsLinkedToTheIncidentAsItStoodAtItsTimeThoughItsResolutionCameFirst() throws Exception {
        Instant opened = T0;
        Instant resolved = T0.plus(Duration.ofHours(7));
        alertVersion(AlertStatus.OPEN, opened, opened, opened.minusMillis(1));
        alertVersion(AlertStatus.RESOLVED, opened, resolved, resolved.minusMillis(1));
        harness.processBroadcastWatermark(resolved.toEpochMilli());
        Instant first = T0.plus(Duration.ofMinutes(55));
        Instant second = T0.plus(Duration.ofHours(3));
        harness.processElement(angry("twitter:1", first, -0.6), first.toEpochMilli());
        harness.processElement(angry("twitter:2", second, -0.8), second.toEpochMilli());

        harness.processWatermark(second.toEpochMilli());

        List<HandoffTicket> versions = harness.extractOutputValues();
        assertThat(versions).extracting(HandoffTicket::linkedAlertIds)
                .containsExactly(List.of("incident-1"), List.of("incident-1"));
        assertThat(versions.get(0).reasons()).contains("linked to open incident incident-1: raises priority");
    }

    /**
     * A peer outlier opened for the window ending at 05:00 is raised one allowed lateness later: a post of 05:05 is
     * not linked to it, whether the alert reaches the ticket step before the post is released or after.
     */
    @Test
    void anIncidentIsLinkedFromTheEventTimeItIsRaisedAtWhicheverInputRunsAhead() throws Exception {
        Instant raised = T0.plus(Duration.ofMinutes(15)).minusMillis(1);
        Instant before = T0.plus(Duration.ofMinutes(5));
        Instant after = T0.plus(Duration.ofMinutes(20));
        alertVersion(AlertStatus.OPEN, T0, T0, raised);
        harness.processElement(angry("twitter:1", before, -0.6), before.toEpochMilli());
        harness.processElement(angry("twitter:2", after, -0.8), after.toEpochMilli());
        advanceEventTime(after.toEpochMilli());
        List<HandoffTicket> alertsFirst = harness.extractOutputValues();

        harness.close();
        setUp();
        harness.processElement(angry("twitter:1", before, -0.6), before.toEpochMilli());
        harness.processElement(angry("twitter:2", after, -0.8), after.toEpochMilli());
        advanceEventTime(before.toEpochMilli());
        alertVersion(AlertStatus.OPEN, T0, T0, raised);
        advanceEventTime(after.toEpochMilli());

        assertThat(alertsFirst).extracting(HandoffTicket::linkedAlertIds).containsExactly(List.of(), List.of("incident-1"));
        assertThat(harness.extractOutputValues()).isEqualTo(alertsFirst);
    }

    @Test
    void anIncidentAnEarlierReleaseSavedAsItsLatestAlertIsLinkedAndMovedOverOnTheNextAlert() throws Exception {
        var savedByEarlierRelease = harness.getOperator().getOperatorStateBackend().getBroadcastState(EarshotPipeline.ALERTS_BY_ID);
        savedByEarlierRelease.put("incident-1", parkingIncident(T0));
        harness.processElement(angry("twitter:1", T0.plusSeconds(60), -0.6), T0.plusSeconds(60).toEpochMilli());
        advanceEventTime(T0.plusSeconds(60).toEpochMilli());

        harness.processBroadcastElement(parkingIncident("incident-2", T0.plusSeconds(120)), T0.plusSeconds(120).toEpochMilli());

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(ticket -> assertThat(ticket.linkedAlertIds()).containsExactly("incident-1"));
        assertThat(savedByEarlierRelease.entries()).isEmpty();
        assertThat(harness.getOperator().getOperatorStateBackend().getBroadcastState(EarshotPipeline.INCIDENTS_BY_ID).entries())
                .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("incident-1", "incident-2");
    }

    /**
     * An earlier release saved a resolved incident as its last alert, and linked it to the posts written from its
     * opening up to the end of the window that resolved it: so it still is, before the next alert moves it over to
     * the versioned state and after.
     */
    @ParameterizedTest(name = "moved over: {0}, posted {1}s after it opened: linked {2}")
    @CsvSource({"false, 60, true", "true, 60, true", "false, 10799, true", "true, 10800, false", "false, 10800, false"})
    void aResolvedIncidentAnEarlierReleaseSavedIsLinkedToThePostsWrittenWhileItWasOpen(boolean movedOver, long postedAfter,
                                                                                      boolean linked) throws Exception {
        var savedByEarlierRelease = harness.getOperator().getOperatorStateBackend().getBroadcastState(EarshotPipeline.ALERTS_BY_ID);
        savedByEarlierRelease.put("incident-1", parkingVersion(AlertStatus.RESOLVED, T0, T0.plus(Duration.ofHours(3))));
        if (movedOver) {
            harness.processBroadcastElement(parkingIncident("incident-2", T0.plusSeconds(30)), T0.plusSeconds(30).toEpochMilli());
            assertThat(savedByEarlierRelease.entries()).isEmpty();
        }
        Instant posted = T0.plusSeconds(postedAfter);

        harness.processElement(angry("twitter:1", posted, -0.6), posted.toEpochMilli());
        advanceEventTime(posted.toEpochMilli());

        assertThat(harness.extractOutputValues()).singleElement().satisfies(ticket -> {
            if (linked) {
                assertThat(ticket.linkedAlertIds()).contains("incident-1");
            } else {
                assertThat(ticket.linkedAlertIds()).doesNotContain("incident-1");
            }
        });
    }

    @Test
    void aConversationIsForgottenAfterTheLookBack() throws Exception {
        harness.processElement(angry("twitter:1", T0, -0.6), T0.toEpochMilli());
        advanceEventTime(T0.toEpochMilli());
        assertThat(keyedStateEntries()).isPositive();

        advanceEventTime(T0.plus(rules.lookBack()).plusSeconds(1).toEpochMilli());

        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aQuietConversationClosesOnceAndAVentingPostWithinTheReopenWindowReopensIt() throws Exception {
        harness.processElement(angry("twitter:1", T0, -0.6), T0.toEpochMilli());
        Instant quietEnds = T0.plus(rules.quietPeriod());
        advanceEventTime(quietEnds.plusSeconds(60).toEpochMilli());
        Instant back = quietEnds.plus(Duration.ofHours(1));
        harness.processElement(angry("twitter:2", back, -0.9), back.toEpochMilli());
        advanceEventTime(back.toEpochMilli());

        List<HandoffTicket> versions = harness.extractOutputValues();
        assertThat(versions).extracting(HandoffTicket::status)
                .containsExactly(TicketStatus.OPEN, TicketStatus.CLOSED, TicketStatus.UPDATED);
        assertThat(versions).extracting(HandoffTicket::id).containsOnly(versions.get(0).id());
        assertThat(versions.get(1).updatedAt()).isEqualTo(quietEnds);
    }

    /** A deletion or an edit as the post index sends it: in the post's conversation. */
    private static ConversationEvent inConversation(ConversationEvent event, ConversationEvent of) {
        return event.in(of.conversationKey());
    }

    @Test
    void aDeletionRemovesThePostFromTheTicketAndAWaitingPostNeverReachesIt() throws Exception {
        ConversationEvent first = angry("twitter:1", T0, -0.6);
        ConversationEvent second = angry("twitter:2", T0.plusSeconds(600), -0.8);
        harness.processElement(first, T0.toEpochMilli());
        harness.processElement(second, T0.plusSeconds(600).toEpochMilli());
        advanceEventTime(T0.toEpochMilli());
        harness.processElement(inConversation(ConversationEvent.deleted(PostDeletion.of("twitter:2", "u1", null)), first), Long.MIN_VALUE);
        harness.processElement(inConversation(ConversationEvent.deleted(PostDeletion.of("twitter:1", "u1", null)), first), Long.MIN_VALUE);
        advanceEventTime(T0.plusSeconds(600).toEpochMilli());

        List<HandoffTicket> versions = harness.extractOutputValues();
        assertThat(versions).extracting(HandoffTicket::status).containsExactly(TicketStatus.OPEN, TicketStatus.CLOSED);
        assertThat(versions.get(1).posts()).as("twitter:2 was removed while it waited; twitter:1 from the ticket").isEmpty();
        assertThat(versions.get(1).reasons()).contains("1 post removed at the author's request (deleted on the network)");
        assertThat(versions.get(1).removedPostIds()).as("so that a helpdesk removes it too").containsExactly("twitter:1");
    }

    @Test
    void anEditReplacesTheWaitingPostOrTheTicketsVersion() throws Exception {
        ConversationEvent first = angry("twitter:1", T0, -0.6);
        ConversationEvent second = angry("twitter:2", T0.plusSeconds(600), -0.8);
        harness.processElement(first, T0.toEpochMilli());
        harness.processElement(second, T0.plusSeconds(600).toEpochMilli());
        advanceEventTime(T0.toEpochMilli());
        EnrichedPost firstEdited = edited(first, "@CityCareDesk towed again, edited");
        EnrichedPost secondEdited = edited(second, "@CityCareDesk second post, edited");
        harness.processElement(inConversation(ConversationEvent.edited(firstEdited), first), Long.MIN_VALUE);
        harness.processElement(inConversation(ConversationEvent.edited(secondEdited), first), Long.MIN_VALUE);
        advanceEventTime(T0.plusSeconds(600).toEpochMilli());

        List<HandoffTicket> versions = harness.extractOutputValues();
        assertThat(versions).extracting(HandoffTicket::status)
                .containsExactly(TicketStatus.OPEN, TicketStatus.UPDATED, TicketStatus.UPDATED);
        assertThat(versions.get(2).posts()).extracting(TicketPost::text)
                .containsExactly("@CityCareDesk towed again, edited", "@CityCareDesk second post, edited");
    }

    private static EnrichedPost edited(ConversationEvent event, String text) {
        EnrichedPost original = event.post().post();
        Post p = original.post();
        return new EnrichedPost(new Post(p.id(), p.source(), p.createdAt(), text, p.lang(), p.author(), null, null, null,
                null, null, null, null, p.mentions()), original.sentiment(), original.topics(), original.location());
    }

    @Test
    void theEndOfABoundedInputClosesNothing() throws Exception {
        harness.processElement(angry("twitter:1", T0, -0.6), T0.toEpochMilli());

        advanceEventTime(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).extracting(HandoffTicket::status).containsExactly(TicketStatus.OPEN);
    }
}
