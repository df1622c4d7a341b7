package dev.earshot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    static final Instant T0 = Instant.parse("2026-03-04T04:00:00Z");
    static final Instant T1 = T0.plusSeconds(7200);

    static final Post POST = new Post("twitter:1897000000000000001", "twitter", T0,
            "@CityCareDesk my car was towed again near MG Road, Bangalore 😡 #parking", "en",
            new Author("u42", "ramesh_k", 15_230, "Bangalore, India"), new GeoPoint(12.9716, 77.5946),
            "Bengaluru, India", "twitter:1897000000000000000", "twitter:1897000000000000000", "CityCareDesk",
            "https://x.com/ramesh_k/status/1897000000000000001", List.of("parking"), List.of("CityCareDesk"));
    static final Sentiment SENTIMENT = new Sentiment(-0.74, SentimentLabel.NEGATIVE, 0.9, "earshot-social-lexicon/1");
    static final Location BENGALURU = new Location("geonames:1277333", "Bengaluru", "Karnataka", "IN",
            new GeoPoint(12.97194, 77.59369), LocationMethod.GEOTAG, 0.95);

    @Test
    void everyModelTypeRoundTripsThroughCanonicalJson() {
        EnrichedPost enriched = new EnrichedPost(POST, SENTIMENT, List.of("parking"), BENGALURU, List.of("car", "tow", "road"));
        TopicLocationStats stats = new TopicLocationStats("parking", BENGALURU.id(), "Bengaluru", "IN", T0, T1, 40, 30, 6, 4,
                -0.41, 0.75, 37, List.of(POST.id()));
        TopicLocationStats regionDay = new TopicLocationStats("parking", "region:IN:Karnataka", "Karnataka", "IN", T0,
                T0.plusSeconds(86_400), 90, 50, 30, 10, -0.2, 0.55, 80, List.of(POST.id()), LocationLevel.REGION,
                StatsView.DAILY, List.of(new TermCount("tow", 31), new TermCount("fine", 12)), null, null);
        Alert alert = new Alert("a1b2c3", AlertKind.PEER_OUTLIER, AlertStatus.OPEN, "parking", BENGALURU.id(), "Bengaluru",
                T0, T1, T1, 0.75, 0.25, 3.0, 2.1, 4.4, 5.2, 40, 7, List.of(POST.id()),
                "Parking posts in Bengaluru are 3.0x more negative than in other cities");
        Alert alertWithTerms = alert.withTopTerms(List.of(new TermCount("tow", 31)));
        HandoffTicket ticket = new HandoffTicket("t1", "twitter|citycaredesk|u42", TicketStatus.OPEN, "twitter",
                POST.author(), "CityCareDesk", List.of(new TicketPost(POST.id(), T0, POST.text(), POST.url(), -0.74,
                        SentimentLabel.NEGATIVE)), List.of("parking"), BENGALURU, List.of(-0.74), TicketPriority.HIGH,
                List.of("a1b2c3"), List.of("negative (-0.74) and addresses @CityCareDesk"), T0, T0);
        HandoffTicket withRemoval = new HandoffTicket(ticket.id(), ticket.conversationKey(), TicketStatus.UPDATED,
                ticket.source(), ticket.customer(), ticket.account(), List.of(), ticket.topics(), ticket.location(),
                List.of(), ticket.priority(), ticket.linkedAlertIds(), ticket.reasons(), T0, T0, List.of(POST.id()));
        assertThat(Json.write(ticket)).as("omitted when empty, as tickets were written before").doesNotContain("removedPostIds");
        DeadLetter deadLetter = new DeadLetter("{oops", "not valid JSON", "parse", "sample/posts.jsonl.gz", T0);
        PostDeletion deletion = PostDeletion.of(POST.id(), "u42", T1).ofPostAt(T0);

        TopicLocationStats withSlide = stats.withLastSlide(12, 10);
        Post edited = new Post(POST.id(), POST.source(), POST.createdAt(), POST.text() + " (edited)", POST.lang(),
                POST.author(), POST.geo(), POST.place(), POST.conversationId(), POST.replyToId(), POST.replyToHandle(),
                POST.url(), POST.hashtags(), POST.mentions(), T1);
        HandoffTicket withEdit = new HandoffTicket(ticket.id(), ticket.conversationKey(), TicketStatus.UPDATED,
                ticket.source(), ticket.customer(), ticket.account(), List.of(new TicketPost(POST.id(), T0,
                        edited.text(), POST.url(), -0.5, SentimentLabel.NEGATIVE, T1)), ticket.topics(), ticket.location(),
                List.of(-0.5), ticket.priority(), ticket.linkedAlertIds(), ticket.reasons(), T0, T1);
        for (Object value : List.of(POST, edited, new EnrichedPost(edited, SENTIMENT, List.of("parking"), BENGALURU, List.of()),
                withEdit, SENTIMENT, BENGALURU, enriched, stats, withSlide, regionDay, alert,
                alertWithTerms, ticket, withRemoval, deadLetter, deletion, PostChange.version(enriched),
                PostChange.deleted(PostDeletion.of("mastodon:7", null, null)))) {
            assertThat(Json.read(Json.write(value), value.getClass())).isEqualTo(value);
        }
    }

    @Test
    void anEditTimeIsWrittenOnlyWhenTheNetworkGaveOneAndPostsWrittenBeforeItReadAsNeverEdited() {
        Post edited = new Post(POST.id(), POST.source(), POST.createdAt(), POST.text(), POST.lang(), POST.author(),
                POST.geo(), POST.place(), POST.conversationId(), POST.replyToId(), POST.replyToHandle(), POST.url(),
                POST.hashtags(), POST.mentions(), T1);
        TicketPost ticketPost = new TicketPost(POST.id(), T0, POST.text(), POST.url(), -0.74, SentimentLabel.NEGATIVE);

        assertThat(Json.mapper().valueToTree(edited).get("editedAt").asText()).isEqualTo("2026-03-04T06:00:00Z");
        assertThat(Json.write(POST)).doesNotContain("editedAt");
        assertThat(Json.write(ticketPost)).doesNotContain("editedAt");
        String before = Json.write(POST);
        assertThat(Json.read(before, Post.class).editedAt()).isNull();
        assertThat(Json.read(before, Post.class)).isEqualTo(POST);
        assertThat(Json.read("{\"id\":\"bluesky:1\",\"createdAt\":\"2026-03-04T04:00:00Z\",\"text\":\"hi\","
                + "\"url\":\"u\",\"sentimentScore\":-0.2}", TicketPost.class))
                .isEqualTo(new TicketPost("bluesky:1", T0, "hi", "u", -0.2, null));
    }

    @Test
    void severalLanguageTagsAreWrittenOnlyWhenTheNetworkGaveSeveralAndPostsWrittenBeforeReadWithNone() {
        Post tagged = new Post(POST.id(), POST.source(), POST.createdAt(), POST.text(), "ja", POST.author(), POST.geo(),
                POST.place(), POST.conversationId(), POST.replyToId(), POST.replyToHandle(), POST.url(), POST.hashtags(),
                POST.mentions(), null, List.of("ja", "en"));

        assertThat(Json.mapper().valueToTree(tagged).get("langs").toString()).isEqualTo("[\"ja\",\"en\"]");
        assertThat(Json.read(Json.write(tagged), Post.class)).isEqualTo(tagged);
        assertThat(Json.write(POST)).doesNotContain("langs");
        assertThat(Json.read(Json.write(POST), Post.class).langs()).isNull();
    }

    @Test
    void bytesThatAreNotTextAreMarkedOneCharacterPerByteAndRecordsWrittenBeforeTheMarkReadAsText() {
        byte[] latin1 = "{\"text\":\"café\"}".getBytes(StandardCharsets.ISO_8859_1);
        String oneCharPerByte = new String(latin1, StandardCharsets.ISO_8859_1);
        DeadLetter bytes = new DeadLetter(oneCharPerByte, "the value is not valid UTF-8", "read", "earshot.posts/0/7", T0,
                DeadLetter.ONE_CHAR_PER_BYTE);
        DeadLetter text = new DeadLetter("{oops", "not valid JSON", "parse", "earshot.posts/0/8", T0);
        RawRecord unreadable = new RawRecord(oneCharPerByte, "earshot.posts/0/7", "not UTF-8", DeadLetter.ONE_CHAR_PER_BYTE);

        assertThat(Json.mapper().valueToTree(bytes).get("rawEncoding").asText()).isEqualTo("ISO-8859-1");
        assertThat(Json.write(bytes)).doesNotContain("rawBytes");
        assertThat(Json.write(text)).doesNotContain("rawEncoding");
        assertThat(Json.read(Json.write(bytes), DeadLetter.class)).isEqualTo(bytes);
        assertThat(Json.read(Json.write(bytes), DeadLetter.class).rawBytes()).isEqualTo(latin1);
        assertThat(Json.read("{\"raw\":\"{oops\",\"reason\":\"not valid JSON\",\"stage\":\"parse\",\"origin\":"
                + "\"earshot.posts/0/8\",\"rejectedAt\":\"2026-03-04T04:00:00Z\"}", DeadLetter.class)).isEqualTo(text);
        assertThat(text.rawBytes()).isEqualTo("{oops".getBytes(StandardCharsets.UTF_8));
        assertThat(Json.read(Json.write(unreadable), RawRecord.class)).isEqualTo(unreadable);
        assertThat(Json.write(new RawRecord("{}", "f:1"))).isEqualTo("{\"value\":\"{}\",\"origin\":\"f:1\"}");
        assertThatThrownBy(() -> new DeadLetter("x", "r", "read", "o", T0, "UTF-16"))
                .hasMessageContaining("rawEncoding is 'UTF-16'");
    }

    @Test
    void anAlertWithoutAnUpperBoundOmitsItAndReadsBackAlertsWrittenBeforeTheField() {
        Alert surge = new Alert("d4e5f6", AlertKind.VOLUME_SURGE, AlertStatus.OPEN, "public_transport", "geonames:1275339",
                "Mumbai", T0, T1, T1, 412, 79, 5.2, 5.2, 6.2, 412, 8, List.of(), "Public transport posts in Mumbai surged");
        String written = Json.write(surge);

        assertThat(surge.ratioUpper()).isNull();
        assertThat(written).doesNotContain("ratioUpper");
        assertThat(Json.read(written, Alert.class)).isEqualTo(surge);
    }

    @Test
    void writesInstantsAsIsoStringsIdsAsStringsAndOmitsAbsentValues() {
        Post bare = new Post("mastodon:1", "mastodon", T0, "hello", null, new Author("a", null, 0, null), null, null, null,
                null, null, null, null, null);

        JsonNode json = Json.mapper().valueToTree(bare);

        assertThat(json.get("createdAt").asText()).isEqualTo("2026-03-04T04:00:00Z");
        assertThat(json.get("id").isTextual()).isTrue();
        assertThat(json.has("geo")).isFalse();
        assertThat(json.get("hashtags").isArray()).isTrue();
    }

    @Test
    void statsWrittenBeforeTheNewestSlideCountsStillRead() {
        TopicLocationStats stats = Json.read("{\"topic\":\"parking\",\"locationId\":\"geonames:1\",\"windowStart\":"
                + "\"2026-03-04T02:00:00Z\",\"windowEnd\":\"2026-03-04T04:00:00Z\",\"posts\":3,\"negative\":1,"
                + "\"neutral\":1,\"positive\":1}", TopicLocationStats.class);

        assertThat(stats.lastSlidePosts()).isNull();
        assertThat(Json.mapper().valueToTree(stats).has("lastSlidePosts")).isFalse();
    }

    @Test
    void aDeletionKeepsNoTextAndAChangeIsEitherAVersionOrADeletion() {
        JsonNode deletion = Json.mapper().valueToTree(PostChange.deleted(PostDeletion.of("mastodon:7", null, null)));

        assertThat(deletion.toString()).isEqualTo("{\"deletion\":{\"postId\":\"mastodon:7\",\"source\":\"mastodon\"}}");
        assertThatThrownBy(() -> new PostChange(null, null)).hasMessageContaining("either");
        assertThatThrownBy(() -> PostDeletion.of("7", null, null)).hasMessageContaining("no 'source:' prefix");
    }

    @Test
    void documentsWrittenBeforeRollUpsAndTopTermsReadAsCitySlidingWindowsWithoutTerms() {
        TopicLocationStats stats = Json.read("""
                {"topic":"parking","locationId":"geonames:1277333","locationName":"Bengaluru","country":"IN",
                 "windowStart":"2026-03-04T04:00:00Z","windowEnd":"2026-03-04T06:00:00Z","posts":2,"negative":1,
                 "neutral":1,"positive":0,"meanScore":-0.3,"negativeShare":0.5,"uniqueAuthors":2,"samplePostIds":["x:1"]}
                """, TopicLocationStats.class);
        Alert alert = Json.read("""
                {"id":"a1","kind":"PEER_OUTLIER","status":"OPEN","topic":"parking","locationId":"geonames:1277333",
                 "severity":3,"evidencePostIds":["x:1"]}
                """, Alert.class);
        EnrichedPost enriched = Json.read(Json.write(new EnrichedPost(POST, SENTIMENT, List.of(), null)), EnrichedPost.class);

        assertThat(stats.level()).isEqualTo(LocationLevel.CITY);
        assertThat(stats.view()).isEqualTo(StatsView.SLIDING);
        assertThat(stats.topTerms()).isNull();
        assertThat(alert.topTerms()).isNull();
        assertThat(enriched.terms()).isNull();
        assertThat(Json.mapper().valueToTree(alert).has("topTerms")).isFalse();
    }

    @Test
    void invariantsAreCheckedOnConstruction() {
        assertThatThrownBy(() -> new Sentiment(1.5, SentimentLabel.POSITIVE, 1, "m")).hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> new TopicLocationStats("t", "l", "L", "IN", T0, T1, 3, 1, 1, 0, 0, 0, 1, null))
                .hasMessageContaining("must equal posts");
        assertThatThrownBy(() -> new TopicLocationStats("t", "l", "L", "IN", T0, T1, 3, 1, 1, 1, 0, 0, 1, null)
                .withLastSlide(4, 1)).hasMessageContaining("lastSlidePosts <= posts");
        assertThatThrownBy(() -> new GeoPoint(91, 0)).hasMessageContaining("WGS84");
    }
}
