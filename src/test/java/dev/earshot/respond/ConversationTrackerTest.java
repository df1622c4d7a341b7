package dev.earshot.respond;

import static dev.earshot.respond.Fixtures.BENGALURU;
import static dev.earshot.respond.Fixtures.MUMBAI;
import static dev.earshot.respond.Fixtures.T0;
import static dev.earshot.respond.Fixtures.alert;
import static dev.earshot.respond.Fixtures.author;
import static dev.earshot.respond.Fixtures.post;
import static dev.earshot.respond.Fixtures.toCityCare;
import static dev.earshot.respond.Fixtures.ventingPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.Author;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import dev.earshot.model.TicketStatus;
import dev.earshot.model.Post;
import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversationTrackerTest {

    private static final Author ASHA = author("asha");
    private static final Author RAVI = author("ravi");

    private HandoffRules rules = HandoffRules.defaults();

    private static Instant hours(double h) {
        return T0.plusSeconds(Math.round(h * 3600));
    }

    private Optional<HandoffTicket> feed(ConversationState state, EnrichedPost post) {
        return feed(state, post, List.of());
    }

    private Optional<HandoffTicket> feed(ConversationState state, EnrichedPost post, List<Alert> openAlerts) {
        return new ConversationTracker(rules).onPost(state, post, new VentingClassifier(rules).assess(post), openAlerts);
    }

    /** Routes each post to its conversation's state, as the keyed Flink stream does; returns the tickets emitted. */
    private List<HandoffTicket> run(List<EnrichedPost> posts) {
        VentingClassifier classifier = new VentingClassifier(rules);
        ConversationTracker tracker = new ConversationTracker(rules);
        Map<String, ConversationState> states = new HashMap<>();
        List<HandoffTicket> tickets = new ArrayList<>();
        for (EnrichedPost post : posts) {
            Assessment assessment = classifier.assess(post);
            if (assessment.addressed()) {
                ConversationState state = states.computeIfAbsent(
                        ConversationKey.of(post, assessment.account()), key -> new ConversationState());
                tracker.onPost(state, post, assessment, List.of()).ifPresent(tickets::add);
            }
        }
        return tickets;
    }

    private static List<String> postIds(HandoffTicket ticket) {
        return ticket.posts().stream().map(TicketPost::id).toList();
    }

    @Test
    void oneAuthorsPostsToTheAccountBuildOneTicket() {
        ConversationState state = new ConversationState();
        EnrichedPost first = ventingPost(ASHA, "parking near MG Road is impossible", -0.4, T0);
        EnrichedPost reply = post(ASHA, "still nothing, nobody came", -0.6, hours(0.5)).replyTo("CityCareDesk").build();
        EnrichedPost elsewhere = post(ASHA, "ugh this city", -0.8, hours(1)).build();
        EnrichedPost question = ventingPost(ASHA, "any update?", 0.0, hours(2));

        HandoffTicket opened = feed(state, first).orElseThrow();
        HandoffTicket updated = feed(state, reply).orElseThrow();
        assertThat(feed(state, elsewhere)).isEmpty();
        HandoffTicket latest = feed(state, question).orElseThrow();

        assertThat(opened.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(updated.status()).isEqualTo(TicketStatus.UPDATED);
        assertThat(latest.status()).isEqualTo(TicketStatus.UPDATED);
        assertThat(List.of(updated.id(), latest.id())).containsOnly(opened.id());
        assertThat(postIds(latest)).containsExactly(first.post().id(), reply.post().id(), question.post().id());
        assertThat(latest.sentimentTrajectory()).containsExactly(-0.4, -0.6, 0.0);
        assertThat(latest.conversationKey()).isEqualTo("twitter|citycaredesk|asha");
        assertThat(latest.account()).isEqualTo("CityCareDesk");
        assertThat(latest.source()).isEqualTo("twitter");
        assertThat(latest.customer()).isEqualTo(ASHA);
        assertThat(latest.openedAt()).isEqualTo(T0);
        assertThat(latest.updatedAt()).isEqualTo(hours(2));
        assertThat(latest.reasons()).startsWith("negative (-0.40) and addresses @CityCareDesk");
    }

    @Test
    void addressedPostsBeforeAnyVentingOpenNothing() {
        ConversationState state = new ConversationState();

        assertThat(feed(state, ventingPost(ASHA, "when does the metro open?", 0.0, T0))).isEmpty();
        assertThat(feed(state, ventingPost(ASHA, "thanks!", 0.8, hours(1)))).isEmpty();
        assertThat(state.ticket()).isNull();
    }

    @Test
    void twoAuthorsHaveTwoTickets() {
        List<HandoffTicket> tickets = run(List.of(
                ventingPost(ASHA, "no parking anywhere", -0.5, T0),
                ventingPost(RAVI, "no parking anywhere", -0.5, T0)));

        assertThat(tickets).extracting(HandoffTicket::conversationKey)
                .containsExactly("twitter|citycaredesk|asha", "twitter|citycaredesk|ravi");
        assertThat(tickets.get(0).id()).isNotEqualTo(tickets.get(1).id());
    }

    @Test
    void oneAuthorAddressingTwoAccountsHasTwoConversations() {
        rules = new HandoffRules(List.of("CityCareDesk", "MetroHelp"), -0.05, Duration.ofDays(7), Duration.ofHours(48),
                Duration.ofHours(72), List.of(), List.of(), 10_000, 0.2, 3, 50);

        List<HandoffTicket> tickets = run(List.of(
                ventingPost(ASHA, "no parking anywhere", -0.5, T0),
                post(ASHA, "@MetroHelp the metro is late again", -0.5, hours(1)).build(),
                ventingPost(ASHA, "still no parking", -0.5, hours(2))));

        assertThat(tickets).extracting(HandoffTicket::account).containsExactly("CityCareDesk", "MetroHelp", "CityCareDesk");
        assertThat(tickets).extracting(HandoffTicket::status)
                .containsExactly(TicketStatus.OPEN, TicketStatus.OPEN, TicketStatus.UPDATED);
        assertThat(tickets.get(2).id()).isEqualTo(tickets.get(0).id()).isNotEqualTo(tickets.get(1).id());
    }

    @Test
    void aStateServesOneConversationOnly() {
        ConversationState state = new ConversationState();
        feed(state, ventingPost(ASHA, "no parking anywhere", -0.5, T0));

        assertThatThrownBy(() -> feed(state, ventingPost(RAVI, "no parking anywhere", -0.5, hours(1))))
                .hasMessageContaining("key the stream by ConversationKey");
    }

    @Test
    void ventingAfterTheQuietPeriodButWithinTheReopenWindowReopensTheSameTicket() {
        ConversationState state = new ConversationState();
        HandoffTicket opened = feed(state, ventingPost(ASHA, "no parking anywhere", -0.5, T0)).orElseThrow();

        HandoffTicket reopened = feed(state, ventingPost(ASHA, "towed again!", -0.7, hours(50))).orElseThrow();

        assertThat(reopened.id()).isEqualTo(opened.id());
        assertThat(reopened.status()).isEqualTo(TicketStatus.UPDATED);
        assertThat(reopened.posts()).hasSize(2);
        assertThat(reopened.reasons()).anySatisfy(reason -> assertThat(reason)
                .startsWith("reopened").contains("2 h after the ticket closed at " + hours(48)));
        assertThat(state.closedAt()).isNull();
    }

    @Test
    void theReopenWindowIncludesItsLastInstant() {
        ConversationState state = new ConversationState();
        HandoffTicket opened = feed(state, ventingPost(ASHA, "no parking anywhere", -0.5, T0)).orElseThrow();

        assertThat(feed(state, ventingPost(ASHA, "towed again!", -0.7, hours(48 + 72))).orElseThrow().id())
                .isEqualTo(opened.id());
    }

    @Test
    void aClosedTicketIgnoresFollowUpsThatAreNotVenting() {
        ConversationState state = new ConversationState();
        HandoffTicket opened = feed(state, ventingPost(ASHA, "no parking anywhere", -0.5, T0)).orElseThrow();

        assertThat(feed(state, ventingPost(ASHA, "any update?", 0.0, hours(49)))).isEmpty();
        assertThat(state.closedAt()).isEqualTo(hours(48));
        assertThat(state.ticket().posts()).hasSize(1);
        assertThat(feed(state, ventingPost(ASHA, "still towed", -0.6, hours(60))).orElseThrow().id()).isEqualTo(opened.id());
    }

    @Test
    void ventingAfterTheReopenWindowOpensANewTicket() {
        ConversationState state = new ConversationState();
        HandoffTicket first = feed(state, ventingPost(ASHA, "no parking anywhere", -0.5, T0)).orElseThrow();
        EnrichedPost later = ventingPost(ASHA, "towed again!", -0.7, hours(48 + 72 + 1));

        HandoffTicket second = feed(state, later).orElseThrow();

        assertThat(second.id()).isNotEqualTo(first.id())
                .isEqualTo(TicketIds.of("twitter|citycaredesk|asha", later.post().id()));
        assertThat(second.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(postIds(second)).containsExactly(later.post().id());
        assertThat(second.openedAt()).isEqualTo(hours(121));
        assertThat(second.reasons()).noneMatch(reason -> reason.startsWith("reopened"));
    }

    @Test
    void aTicketClosesOnlyAfterItsQuietPeriodAndCanBeForgottenAfterTheLookBack() {
        ConversationTracker tracker = new ConversationTracker(rules);
        ConversationState state = new ConversationState();
        assertThat(tracker.forgetAt(state)).isEmpty();
        feed(state, ventingPost(ASHA, "no parking anywhere", -0.5, T0));

        assertThat(tracker.closeIfQuiet(state, hours(48))).isFalse();
        assertThat(tracker.closeIfQuiet(state, hours(48).plusSeconds(1))).isTrue();
        assertThat(state.closedAt()).isEqualTo(hours(48));
        assertThat(tracker.forgetAt(state)).contains(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void closingSaysSoOnceWithTheSameTicketDatedWhenTheQuietPeriodEnded() {
        ConversationTracker tracker = new ConversationTracker(rules);
        ConversationState state = new ConversationState();
        assertThat(tracker.close(state, hours(100))).as("nothing to close").isEmpty();
        HandoffTicket open = feed(state, ventingPost(ASHA, "no parking anywhere", -0.5, T0)).orElseThrow();

        assertThat(tracker.close(state, hours(47))).isEmpty();
        HandoffTicket closed = tracker.close(state, hours(49)).orElseThrow();
        assertThat(tracker.close(state, hours(50))).as("only once").isEmpty();

        assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(closed.id()).isEqualTo(open.id());
        assertThat(closed.posts()).isEqualTo(open.posts());
        assertThat(closed.updatedAt()).isEqualTo(hours(48));
    }

    /** The same post, edited half an hour after it was written: same id and time, new text and score. */
    private static EnrichedPost edited(EnrichedPost original, String text, double score) {
        Post p = original.post();
        return new EnrichedPost(new Post(p.id(), p.source(), p.createdAt(), text, p.lang(), p.author(), p.geo(), p.place(),
                p.conversationId(), p.replyToId(), p.replyToHandle(), p.url(), p.hashtags(), p.mentions(),
                p.createdAt().plusSeconds(1800)),
                new Sentiment(score, score < 0 ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL, 0.8, "test"),
                original.topics(), original.location());
    }

    @Test
    void anEditReplacesThePostsVersionInTheTicketAndNothingElse() {
        ConversationTracker tracker = new ConversationTracker(rules);
        ConversationState state = new ConversationState();
        EnrichedPost first = ventingPost(ASHA, "parking near MG Road is impossible", -0.4, T0);
        EnrichedPost second = ventingPost(ASHA, "still nothing", -0.6, hours(1));
        feed(state, first);
        HandoffTicket before = feed(state, second).orElseThrow();

        HandoffTicket after = tracker.onEdit(state, edited(first, "parking near MG Road is impossible, towed twice", -0.7)).orElseThrow();

        assertThat(after.status()).isEqualTo(TicketStatus.UPDATED);
        assertThat(after.posts()).extracting(TicketPost::text)
                .containsExactly("parking near MG Road is impossible, towed twice", second.post().text());
        assertThat(after.posts()).extracting(TicketPost::editedAt).as("the network's edit time, for the helpdesk")
                .containsExactly(T0.plusSeconds(1800), null);
        assertThat(after.sentimentTrajectory()).containsExactly(-0.7, -0.6);
        assertThat(after.priority()).isEqualTo(before.priority());
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(tracker.onEdit(state, edited(ventingPost(RAVI, "other", -0.5, T0), "x", -0.5))).as("not in the ticket").isEmpty();
    }

    @Test
    void aDeletedPostLeavesTheTicketWithoutItsTextAndTheTicketSaysSo() {
        ConversationTracker tracker = new ConversationTracker(rules);
        ConversationState state = new ConversationState();
        EnrichedPost first = ventingPost(ASHA, "parking near MG Road is impossible", -0.4, T0);
        EnrichedPost second = ventingPost(ASHA, "still nothing", -0.6, hours(1));
        feed(state, first);
        feed(state, second);

        HandoffTicket after = tracker.onDeletion(state, first.post().id()).orElseThrow();
        HandoffTicket later = feed(state, ventingPost(ASHA, "any news?", -0.3, hours(2))).orElseThrow();

        assertThat(after.status()).isEqualTo(TicketStatus.UPDATED);
        assertThat(postIds(after)).containsExactly(second.post().id());
        assertThat(after.sentimentTrajectory()).containsExactly(-0.6);
        assertThat(Json.write(after)).doesNotContain("MG Road");
        assertThat(after.reasons()).contains("1 post removed at the author's request (deleted on the network)");
        assertThat(later.reasons()).as("the note stays on later versions").contains("1 post removed at the author's request (deleted on the network)");
        assertThat(after.removedPostIds()).as("so that a helpdesk holding it removes it too").containsExactly(first.post().id());
        assertThat(later.removedPostIds()).as("every later version still says so").containsExactly(first.post().id());
        assertThat(Json.read(Json.write(later), HandoffTicket.class)).isEqualTo(later);
        assertThat(tracker.onDeletion(state, first.post().id())).as("already gone").isEmpty();
        assertThat(state.removedPosts()).isEqualTo(1);
    }

    @Test
    void aTicketWhoseOnlyPostIsDeletedIsClosedAndAClosedTicketStaysClosed() {
        ConversationTracker tracker = new ConversationTracker(rules);
        ConversationState state = new ConversationState();
        EnrichedPost only = ventingPost(ASHA, "no parking anywhere", -0.5, T0);
        feed(state, only);

        HandoffTicket emptied = tracker.onDeletion(state, only.post().id()).orElseThrow();

        assertThat(emptied.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(emptied.posts()).isEmpty();
        assertThat(emptied.updatedAt()).isEqualTo(T0);
        HandoffTicket reopened = feed(state, ventingPost(ASHA, "still no parking", -0.6, hours(3))).orElseThrow();
        assertThat(reopened.id()).isEqualTo(emptied.id());
        assertThat(reopened.status()).isEqualTo(TicketStatus.UPDATED);
        assertThat(reopened.removedPostIds()).containsExactly(only.post().id());
    }

    @Test
    void theSamePostsReplayedGiveTheSameTicketsWhateverTheInterleavingOfConversations() {
        List<EnrichedPost> stream = List.of(
                ventingPost(ASHA, "no parking anywhere", -0.4, T0),
                toCityCare(RAVI, "garbage not collected", -0.5, hours(0.2)).topics(List.of("waste")).build(),
                post(RAVI, "still waiting", -0.6, hours(0.5)).replyTo("CityCareDesk").build(),
                ventingPost(ASHA, "towed!", -0.8, hours(1)),
                ventingPost(author("meera"), "power cut again", -0.7, hours(1.5)),
                ventingPost(ASHA, "reported it twice", -0.7, hours(60)));
        List<EnrichedPost> byAuthor = stream.stream()
                .sorted(Comparator.comparing((EnrichedPost post) -> post.post().author().id())
                        .thenComparing(post -> post.post().createdAt()))
                .toList();

        List<HandoffTicket> tickets = run(stream);

        assertThat(run(stream)).isEqualTo(tickets);
        assertThat(run(byAuthor)).containsExactlyInAnyOrderElementsOf(tickets);
        assertThat(tickets).extracting(HandoffTicket::id).containsOnly(
                TicketIds.of("twitter|citycaredesk|asha", stream.get(0).post().id()),
                TicketIds.of("twitter|citycaredesk|ravi", stream.get(1).post().id()),
                TicketIds.of("twitter|citycaredesk|meera", stream.get(4).post().id()));
    }

    @Test
    void aRedeliveredPostChangesNothing() {
        ConversationState state = new ConversationState();
        EnrichedPost first = ventingPost(ASHA, "no parking anywhere", -0.5, T0);
        feed(state, first);
        HandoffTicket updated = feed(state, ventingPost(ASHA, "towed!", -0.5, hours(1))).orElseThrow();

        assertThat(feed(state, first)).isEmpty();
        assertThat(state.ticket()).isEqualTo(updated);
    }

    @Test
    void aPostOlderThanTheTicketsLatestTakesItsEventTimePlace() {
        ConversationState state = new ConversationState();
        EnrichedPost early = ventingPost(ASHA, "no parking anywhere", -0.3, T0);
        EnrichedPost middle = toCityCare(ASHA, "towed!", -0.5, hours(1)).location(MUMBAI).build();
        EnrichedPost late = toCityCare(ASHA, "still towed", -0.4, hours(2)).location(BENGALURU).build();
        feed(state, early);
        feed(state, late);

        HandoffTicket ticket = feed(state, middle).orElseThrow();

        assertThat(postIds(ticket)).containsExactly(early.post().id(), middle.post().id(), late.post().id());
        assertThat(ticket.sentimentTrajectory()).containsExactly(-0.3, -0.5, -0.4);
        assertThat(ticket.updatedAt()).isEqualTo(hours(2));
        assertThat(ticket.location()).isEqualTo(BENGALURU);
    }

    @Test
    void topicsAreTheUnionInFirstSeenOrderAndTheLocationTheLatestKnown() {
        ConversationState state = new ConversationState();
        feed(state, ventingPost(ASHA, "no parking", -0.5, T0));
        HandoffTicket unknownPlace = feed(state, post(ASHA, "@CityCareDesk and the traffic", -0.5, hours(1))
                .topics(List.of("traffic", "parking")).location(null).build()).orElseThrow();
        HandoffTicket moved = feed(state, post(ASHA, "@CityCareDesk the bus too", -0.5, hours(2))
                .topics(List.of("public_transport")).location(MUMBAI).build()).orElseThrow();

        assertThat(unknownPlace.location()).isEqualTo(BENGALURU);
        assertThat(moved.location()).isEqualTo(MUMBAI);
        assertThat(moved.topics()).containsExactly("parking", "traffic", "public_transport");
    }

    @Test
    void openIncidentsAboutATicketTopicAtItsPlaceAreLinkedAndAccumulated() {
        ConversationState state = new ConversationState();
        Alert parkingHere = alert("a-parking-blr", "parking", BENGALURU, AlertStatus.OPEN);
        Alert parkingElsewhere = alert("a-parking-bom", "parking", MUMBAI, AlertStatus.OPEN);
        Alert trafficHere = alert("a-traffic-blr", "traffic", BENGALURU, AlertStatus.UPDATED);
        Alert resolved = alert("a-parking-old", "parking", BENGALURU, AlertStatus.RESOLVED);

        HandoffTicket first = feed(state, ventingPost(ASHA, "no parking", -0.5, T0),
                List.of(parkingHere, parkingElsewhere, trafficHere, resolved)).orElseThrow();
        HandoffTicket second = feed(state, post(ASHA, "@CityCareDesk and the traffic", -0.5, hours(1))
                .topics(List.of("traffic")).build(), List.of(trafficHere, parkingHere)).orElseThrow();

        assertThat(first.linkedAlertIds()).containsExactly("a-parking-blr");
        assertThat(second.linkedAlertIds()).containsExactly("a-parking-blr", "a-traffic-blr");
        assertThat(first.priority()).isEqualTo(TicketPriority.HIGH);
        assertThat(first.reasons()).contains("linked to open incident a-parking-blr: raises priority");
    }

    @Test
    void aSingleVentingPostIsNormal() {
        HandoffTicket ticket = feed(new ConversationState(), ventingPost(ASHA, "no parking", -0.5, T0)).orElseThrow();

        assertThat(ticket.priority()).isEqualTo(TicketPriority.NORMAL);
        assertThat(ticket.reasons()).containsExactly("negative (-0.50) and addresses @CityCareDesk");
    }

    @Test
    void worseningSentimentRaisesThePriority() {
        ConversationState worsening = new ConversationState();
        feed(worsening, ventingPost(ASHA, "no parking", -0.3, T0));
        ConversationState steady = new ConversationState();
        feed(steady, ventingPost(ASHA, "no parking", -0.3, T0));

        HandoffTicket worse = feed(worsening, ventingPost(ASHA, "towed!!", -0.6, hours(1))).orElseThrow();
        HandoffTicket same = feed(steady, ventingPost(ASHA, "towed", -0.4, hours(1))).orElseThrow();

        assertThat(worse.priority()).isEqualTo(TicketPriority.HIGH);
        assertThat(worse.reasons()).contains("sentiment worsening from -0.30 to -0.60 over 2 posts: raises priority");
        assertThat(same.priority()).isEqualTo(TicketPriority.NORMAL);
    }

    @Test
    void aPositiveLatestPostLowersThePriority() {
        ConversationState state = new ConversationState();
        feed(state, ventingPost(ASHA, "no parking", -0.4, T0));

        HandoffTicket thanked = feed(state, ventingPost(ASHA, "thanks, sorted now", 0.6, hours(1))).orElseThrow();

        assertThat(thanked.priority()).isEqualTo(TicketPriority.LOW);
        assertThat(thanked.reasons())
                .contains("latest post is positive (0.60), the customer may be satisfied: lowers priority");
    }

    @Test
    void anAuthorWithAWideReachRaisesThePriority() {
        HandoffTicket influential = feed(new ConversationState(),
                ventingPost(author("star", 25_000), "no parking", -0.5, T0)).orElseThrow();
        HandoffTicket justBelow = feed(new ConversationState(),
                ventingPost(author("almost", 9_999), "no parking", -0.5, T0)).orElseThrow();

        assertThat(influential.priority()).isEqualTo(TicketPriority.HIGH);
        assertThat(influential.reasons()).contains("author reach 25,000 followers (>= 10,000): raises priority");
        assertThat(justBelow.priority()).isEqualTo(TicketPriority.NORMAL);
    }

    @Test
    void aPersistentConversationRaisesThePriority() {
        ConversationState state = new ConversationState();
        feed(state, ventingPost(ASHA, "no parking", -0.4, T0));
        HandoffTicket second = feed(state, ventingPost(ASHA, "no parking", -0.4, hours(1))).orElseThrow();
        HandoffTicket third = feed(state, ventingPost(ASHA, "no parking", -0.4, hours(2))).orElseThrow();

        assertThat(second.priority()).isEqualTo(TicketPriority.NORMAL);
        assertThat(third.priority()).isEqualTo(TicketPriority.HIGH);
        assertThat(third.reasons()).contains("3 posts in this conversation (>= 3): raises priority");
    }

    @Test
    void anUrgentWordMakesTheTicketUrgentForGood() {
        ConversationState state = new ConversationState();
        HandoffTicket urgent = feed(state, ventingPost(ASHA, "streetlights out, unsafe at night", -0.5, T0)).orElseThrow();
        HandoffTicket later = feed(state, ventingPost(ASHA, "thanks for the reply", 0.5, hours(1))).orElseThrow();

        assertThat(urgent.priority()).isEqualTo(TicketPriority.URGENT);
        assertThat(urgent.reasons()).contains("urgent word: 'unsafe': URGENT");
        assertThat(later.priority()).isEqualTo(TicketPriority.URGENT);
    }

    @Test
    void raisesWithoutAnUrgentWordStopAtHigh() {
        ConversationState state = new ConversationState();
        Author star = author("star", 50_000);
        List<Alert> alerts = List.of(alert("a-parking-blr", "parking", BENGALURU, AlertStatus.OPEN));
        feed(state, ventingPost(star, "no parking", -0.2, T0), alerts);
        feed(state, ventingPost(star, "towed", -0.5, hours(1)), alerts);

        HandoffTicket ticket = feed(state, ventingPost(star, "towed again", -0.9, hours(2)), alerts).orElseThrow();

        assertThat(ticket.reasons()).filteredOn(reason -> reason.endsWith("raises priority")).hasSize(4);
        assertThat(ticket.priority()).isEqualTo(TicketPriority.HIGH);
    }

    @Test
    void theTicketKeepsOnlyItsLatestPosts() {
        rules = new HandoffRules(List.of("CityCareDesk"), -0.05, Duration.ofDays(7), Duration.ofHours(48),
                Duration.ofHours(72), List.of(), List.of(), 10_000, 0.2, 3, 3);
        ConversationState state = new ConversationState();
        List<String> ids = new ArrayList<>();
        HandoffTicket ticket = null;
        for (int i = 0; i < 5; i++) {
            EnrichedPost post = ventingPost(ASHA, "no parking, day " + i, -0.1 * (i + 1), hours(i));
            ids.add(post.post().id());
            ticket = feed(state, post).orElseThrow();
        }

        assertThat(postIds(ticket)).containsExactlyElementsOf(ids.subList(2, 5));
        assertThat(ticket.sentimentTrajectory()).hasSize(3);
        assertThat(ticket.openedAt()).isEqualTo(T0);
        assertThat(state.postCount()).isEqualTo(5);
        assertThat(ticket.reasons()).contains("5 posts in this conversation (>= 3): raises priority");
    }

    @Test
    void theStateRoundTripsThroughJsonAndCarriesOnAsBefore() {
        ConversationState state = new ConversationState();
        feed(state, ventingPost(author("star", 25_000), "streetlights out, unsafe", -0.5, T0),
                List.of(alert("a-safety-blr", "safety", BENGALURU, AlertStatus.OPEN)));
        feed(state, ventingPost(author("star", 25_000), "no parking", -0.5, hours(1)));
        feed(state, ventingPost(author("star", 25_000), "still?", 0.0, hours(50)));

        String json = Json.write(state);
        ConversationState restored = Json.read(json, ConversationState.class);

        assertThat(Json.write(restored)).isEqualTo(json);
        assertThat(restored.ticket()).isEqualTo(state.ticket());
        assertThat(restored.closedAt()).isEqualTo(hours(49));
        assertThat(restored.postCount()).isEqualTo(2);
        EnrichedPost next = ventingPost(author("star", 25_000), "towed again", -0.8, hours(60));
        assertThat(feed(restored, next)).isEqualTo(feed(state, next));
    }
}
