package dev.earshot.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.model.GeoPoint;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each platform format through the one parser, recognised by shape: valid records, corners and malformed ones. */
class PlatformFormatsTest {

    private final PostParser parser = new PostParser(ParseParams.defaults());

    @Test
    void readsATwitterV2ResponseAsOnePostPerTweetWithItsIncludes() {
        List<ParseResult> results = parser.parse(fixture("twitter-v2-search.json"));

        assertThat(results).hasSize(3);
        Post reply = ((ParseResult.Valid) results.get(0)).post();
        assertThat(reply.id()).isEqualTo("twitter:1900000000000000001");
        assertThat(reply.createdAt()).isEqualTo(Instant.parse("2026-03-04T07:15:00Z"));
        assertThat(reply.author().handle()).isEqualTo("asha_k");
        assertThat(reply.author().followers()).isEqualTo(310);
        assertThat(reply.author().profileLocation()).isEqualTo("Bengaluru");
        assertThat(reply.geo()).isEqualTo(new GeoPoint(12.9716, 77.5946));
        assertThat(reply.place()).isEqualTo("Bengaluru, India");
        assertThat(reply.replyToId()).isEqualTo("twitter:1900000000000000000");
        assertThat(reply.conversationId()).isEqualTo("twitter:1900000000000000000");
        assertThat(reply.replyToHandle()).isEqualTo("CityCareDesk");
        assertThat(reply.hashtags()).containsExactly("transit");
        assertThat(reply.mentions()).containsExactly("CityCareDesk");
        assertThat(reply.url()).isEqualTo("https://x.com/asha_k/status/1900000000000000001");
        assertThat(results.get(1)).isInstanceOfSatisfying(ParseResult.Skipped.class, skipped ->
                assertThat(skipped.reason()).contains("retweet of 1900000000000000009"));
        assertThat(results.get(2)).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).isEqualTo("twitter-v2: missing required field 'data[2].created_at'"));
    }

    @Test
    void readsASingleTwitterV2TweetPreferringTheLongFormText() {
        Post post = onlyPost(parser.parse(fixture("twitter-v2-lookup.json")));

        assertThat(post.text()).startsWith("The long form of this post");
        assertThat(post.place()).isEqualTo("Mumbai, India");
        assertThat(post.author().handle()).isNull();
        assertThat(post.url()).isEqualTo("https://x.com/i/web/status/1900000000000000010");
    }

    @Test
    void readsTwitterV2ComplianceDeletesAndSkipsOtherComplianceEvents() {
        assertThat(parser.parse("{\"data\":{\"delete\":{\"tweet\":{\"id\":\"1359912509940011010\",\"author_id\":\"1011462399553904640\"},"
                + "\"event_at\":\"2026-03-04T17:48:37.637Z\"}}}"))
                .containsExactly(new ParseResult.Deletion(new PostDeletion("twitter:1359912509940011010", "twitter",
                        "1011462399553904640", Instant.parse("2026-03-04T17:48:37.637Z"), null)));
        assertThat(parser.parse("{\"data\":{\"scrub_geo\":{\"tweet\":{\"id\":\"1\",\"author_id\":\"2\"},\"event_at\":\"2026-03-04T17:48:37Z\"}}}"))
                .singleElement().isInstanceOf(ParseResult.Skipped.class);
        assertThat(parser.parse("{\"data\":{\"delete\":{\"event_at\":\"2026-03-04T17:48:37Z\"}}}")).singleElement()
                .isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
                        assertThat(invalid.reason()).isEqualTo("twitter-v2: missing required field 'data.delete.tweet'"));
    }

    @Test
    void readsAMastodonStatusWithItsHtmlAsPlainText() {
        Post post = onlyPost(parser.parse(fixture("mastodon-status.json")));

        assertThat(post.id()).isEqualTo("mastodon:114000000000000001");
        assertThat(post.text()).isEqualTo("@citycare the street lights on 5th & Main are out \"again\"\n\n"
                + "Third night running #streetlights\nPlease fix: https://example.org/report/123");
        assertThat(post.author().id()).isEqualTo("4242");
        assertThat(post.author().handle()).isEqualTo("priya");
        assertThat(post.author().followers()).isEqualTo(87);
        assertThat(post.lang()).isEqualTo("en");
        assertThat(post.replyToId()).isEqualTo("mastodon:114000000000000000");
        assertThat(post.replyToHandle()).isEqualTo("citycare@gov.example");
        assertThat(post.mentions()).containsExactly("citycare@gov.example");
        assertThat(post.hashtags()).containsExactly("streetlights");
        assertThat(post.url()).isEqualTo("https://social.example/@priya/114000000000000001");
        assertThat(post.editedAt()).as("edited_at null: never edited").isNull();
    }

    @Test
    void aMastodonEditCarriesTheTimeTheServerSaysItWasEdited() {
        String event = fixture("mastodon-status-update-event.txt");
        String status = event.substring(event.indexOf("data: ") + "data: ".length()).strip();
        Instant editedAt = Instant.parse("2026-03-04T10:42:07.512Z");

        assertThat(parser.parse(event)).singleElement().isInstanceOfSatisfying(ParseResult.Edited.class, edit -> {
            assertThat(edit.post().id()).isEqualTo("mastodon:114000000000000001");
            assertThat(edit.post().createdAt()).isEqualTo(Instant.parse("2026-03-04T06:30:12.123Z"));
            assertThat(edit.post().editedAt()).isEqualTo(editedAt);
            assertThat(edit.post().text()).contains("(edit: and on 6th)");
        });
        assertThat(parser.parse("{\"stream\":[\"public\"],\"event\":\"status.update\",\"payload\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(status) + "}")).singleElement()
                .isInstanceOfSatisfying(ParseResult.Edited.class, edit -> assertThat(edit.post().editedAt()).isEqualTo(editedAt));
        assertThat(onlyPost(parser.parse(status)).editedAt()).as("a status fetched after its edit").isEqualTo(editedAt);
        assertThat(parser.parse(status.replace("2026-03-04T10:42:07.512Z", "yesterday"))).singleElement()
                .isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
                        assertThat(invalid.reason()).startsWith("mastodon: field 'edited_at' is not an ISO-8601 time"));
    }

    @Test
    void readsABoostAsTheBoostedStatus() {
        String boost = "{\"id\":\"500\",\"created_at\":\"2026-03-04T08:00:00Z\",\"content\":\"\",\"account\":{\"id\":\"9\"},"
                + "\"reblog\":" + fixture("mastodon-status.json") + "}";

        assertThat(onlyPost(parser.parse(boost)).id()).isEqualTo("mastodon:114000000000000001");
    }

    @Test
    void aBoostOfAnEditedStatusIsThePostAsEditedForDeduplicationToCompare() {
        String event = fixture("mastodon-status-update-event.txt");
        String edited = event.substring(event.indexOf("data: ") + "data: ".length()).strip();
        String boost = "{\"id\":\"501\",\"created_at\":\"2026-03-04T11:00:00Z\",\"content\":\"\",\"account\":{\"id\":\"9\"},"
                + "\"reblog\":" + edited + "}";

        Post post = onlyPost(parser.parse(boost));

        assertThat(post.id()).isEqualTo("mastodon:114000000000000001");
        assertThat(post.text()).contains("(edit: and on 6th)");
        assertThat(post.editedAt()).isEqualTo(Instant.parse("2026-03-04T10:42:07.512Z"));
    }

    @Test
    void readsMastodonStreamingEventsAsPostsEditsAndDeletions() {
        String status = fixture("mastodon-status.json").strip();

        assertThat(parser.parse("event: update\ndata: " + status)).singleElement().isInstanceOf(ParseResult.Valid.class);
        assertThat(parser.parse("event: status.update\ndata: " + status)).singleElement()
                .isInstanceOfSatisfying(ParseResult.Edited.class, edit -> assertThat(edit.post().id()).isEqualTo("mastodon:114000000000000001"));
        assertThat(parser.parse("event: delete\ndata: 114000000000000001"))
                .containsExactly(new ParseResult.Deletion(new PostDeletion("mastodon:114000000000000001", "mastodon", null, null, null)));
        assertThat(parser.parse("{\"stream\":[\"public\"],\"event\":\"delete\",\"payload\":\"114000000000000001\"}"))
                .containsExactly(new ParseResult.Deletion(new PostDeletion("mastodon:114000000000000001", "mastodon", null, null, null)));
        assertThat(parser.parse("{\"stream\":[\"public\"],\"event\":\"update\",\"payload\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(status) + "}"))
                .singleElement().isInstanceOf(ParseResult.Valid.class);
        assertThat(parser.parse("event: notification\ndata: {}")).singleElement().isInstanceOf(ParseResult.Skipped.class);
        assertThat(parser.parse(":thump")).singleElement().isInstanceOf(ParseResult.Skipped.class);
    }

    @Test
    void readsABlueskyJetstreamCommit() {
        Post post = onlyPost(parser.parse(fixture("bluesky-jetstream-create.json")));

        assertThat(post.id()).isEqualTo("bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3lxpost1");
        assertThat(post.source()).isEqualTo("bluesky");
        assertThat(post.createdAt()).isEqualTo(Instant.parse("2026-03-04T05:00:00Z"));
        assertThat(post.lang()).isEqualTo("en");
        assertThat(post.langs()).as("tagged with two languages").containsExactly("en", "hi");
        assertThat(post.author().id()).isEqualTo("did:plc:abc123xyz");
        assertThat(post.conversationId()).isEqualTo("bluesky:at://did:plc:root/app.bsky.feed.post/3lroot");
        assertThat(post.replyToId()).isEqualTo("bluesky:at://did:plc:parent/app.bsky.feed.post/3lparent");
        assertThat(post.mentions()).containsExactly("citycare.bsky.social");
        assertThat(post.hashtags()).containsExactly("roads");
        assertThat(post.url()).isEqualTo("https://bsky.app/profile/did:plc:abc123xyz/post/3lxpost1");
        assertThat(post.editedAt()).isNull();
    }

    @Test
    void aJetstreamUpdateIsAnEditAtTheTimeJetstreamReceivedIt() {
        assertThat(parser.parse(fixture("bluesky-jetstream-update.json"))).singleElement()
                .isInstanceOfSatisfying(ParseResult.Edited.class, edit -> {
                    assertThat(edit.post().id()).isEqualTo("bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3lxpost1");
                    assertThat(edit.post().text()).startsWith("Potholes on Ring Road, still");
                    assertThat(edit.post().createdAt()).as("the record keeps its createdAt").isEqualTo(Instant.parse("2026-03-04T05:00:00Z"));
                    assertThat(edit.post().editedAt()).as("time_us").isEqualTo(Instant.parse("2026-03-04T10:44:05.123456Z"));
                    assertThat(edit.post().mentions()).containsExactly("citycare.bsky.social");
                    assertThat(edit.post().lang()).isEqualTo("en");
                    assertThat(edit.post().langs()).as("one language: lang says it all").isNull();
                });
    }

    @Test
    void readsJetstreamDeletionsUpdatesAndEventsWithoutPosts() {
        String create = fixture("bluesky-jetstream-create.json");

        assertThat(parser.parse(create.replace("\"operation\":\"create\"", "\"operation\":\"update\"")))
                .singleElement().isInstanceOf(ParseResult.Edited.class);
        assertThat(parser.parse("{\"did\":\"did:plc:abc123xyz\",\"time_us\":1772600000000001,\"kind\":\"commit\",\"commit\":{\"operation\":\"delete\","
                + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3lxpost1\"}}"))
                .containsExactly(new ParseResult.Deletion(new PostDeletion("bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3lxpost1",
                        "bluesky", "did:plc:abc123xyz", Instant.parse("2026-03-04T04:53:20.000001Z"), null)));
        assertThat(parser.parse("{\"did\":\"did:plc:a\",\"time_us\":1,\"kind\":\"commit\",\"commit\":{\"operation\":\"create\","
                + "\"collection\":\"app.bsky.feed.like\",\"rkey\":\"x\",\"record\":{}}}"))
                .singleElement().isInstanceOf(ParseResult.Skipped.class);
        assertThat(parser.parse("{\"did\":\"did:plc:a\",\"time_us\":1,\"kind\":\"identity\",\"identity\":{}}"))
                .singleElement().isInstanceOf(ParseResult.Skipped.class);
    }

    @Test
    void readsADiscoursePageWithEachPostOnItsOwn() {
        List<ParseResult> results = parser.parse(fixture("discourse-posts.json"));

        assertThat(results).hasSize(3);
        Post first = ((ParseResult.Valid) results.get(0)).post();
        assertThat(first.id()).isEqualTo("discourse:321/1");
        assertThat(first.text()).isEqualTo("The recycling pickup was missed on Elm Street & nobody answers the phone.\n\nAnyone else?");
        assertThat(first.author().id()).isEqualTo("15");
        assertThat(first.author().handle()).isEqualTo("lena");
        assertThat(first.conversationId()).isEqualTo("discourse:321/1");
        Post reply = ((ParseResult.Valid) results.get(1)).post();
        assertThat(reply.text()).isEqualTo("Same here @lena, third week in a row #recycling");
        assertThat(reply.replyToId()).isEqualTo("discourse:321/1");
        assertThat(reply.replyToHandle()).isEqualTo("lena");
        assertThat(reply.mentions()).containsExactly("lena");
        assertThat(reply.hashtags()).containsExactly("recycling");
        assertThat(results.get(2)).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).isEqualTo("discourse: field 'latest_posts[2].created_at' is not an ISO-8601 time: \"not a time\""));
    }

    @Test
    void readsADiscourseRevisionAsAVersionEditedAtItsUpdateTime() {
        Post edited = onlyPost(parser.parse(fixture("discourse-webhook-post-edited.json")));
        String firstVersion = fixture("discourse-webhook-post-edited.json")
                .replace("\"version\": 2", "\"version\": 1");

        assertThat(edited.id()).isEqualTo("discourse:321/4");
        assertThat(edited.text()).startsWith("Bins on Oak Road not emptied again, third week running");
        assertThat(edited.author().id()).isEqualTo("17");
        assertThat(edited.editedAt()).isEqualTo(Instant.parse("2026-03-04T07:42:10Z"));
        assertThat(edited.createdAt()).isEqualTo(Instant.parse("2026-03-04T07:10:00Z"));
        assertThat(onlyPost(parser.parse(firstVersion)).editedAt())
                .as("version 1 was never revised, whatever updated_at says").isNull();
        assertThat(parser.parse("{\"latest_posts\":[" + fixture("discourse-webhook-post-edited.json").strip()
                .replaceFirst("^\\{\"post\": ", "").replaceFirst("}$", "") + "]}"))
                .singleElement().isInstanceOfSatisfying(ParseResult.Valid.class, valid ->
                        assertThat(valid.post().editedAt()).isEqualTo(Instant.parse("2026-03-04T07:42:10Z")));
    }

    @Test
    void readsADeletedOrWithdrawnDiscoursePostAsADeletion() {
        String destroyed = fixture("discourse-webhook-post-destroyed.json");
        String withdrawn = destroyed.replace("\"deleted_at\": \"2026-03-04T08:00:00.000Z\"", "\"deleted_at\": null")
                .replace("\"user_deleted\": false", "\"user_deleted\": true");

        assertThat(parser.parse(destroyed)).singleElement().isInstanceOfSatisfying(ParseResult.Deletion.class, deletion ->
                assertThat(deletion.deletion()).isEqualTo(new PostDeletion("discourse:321/4", "discourse", "17",
                        Instant.parse("2026-03-04T08:00:00Z"), null)));
        assertThat(parser.parse(withdrawn)).singleElement().isInstanceOfSatisfying(ParseResult.Deletion.class, deletion ->
                assertThat(deletion.deletion()).isEqualTo(PostDeletion.of("discourse:321/4", "17", null)));
    }

    @ParameterizedTest(name = "post_type {0}")
    @CsvSource(delimiter = '|', value = {"2 | moderator action", "3 | small action such as closing a topic",
            "4 | whisper, seen by staff only"})
    void skipsDiscoursePostsThatAreNotAMembersPublicWords(int postType, String kind) {
        String note = fixture("discourse-webhook-post-edited.json").replace("\"post_type\": 1", "\"post_type\": " + postType);

        assertThat(parser.parse(note)).singleElement().isInstanceOfSatisfying(ParseResult.Skipped.class, skipped ->
                assertThat(skipped.reason()).isEqualTo("discourse " + kind + " (post_type " + postType + ")"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            v2 tweet without id        | {"data":{"text":"hi","author_id":"1","created_at":"2026-03-04T07:15:00Z"}}                | twitter-v2: missing required field 'data.id'
            v2 numeric author          | {"data":{"id":"1","text":"hi","author_id":5,"created_at":"2026-03-04T07:15:00Z"}}         | twitter-v2: field 'data.author_id' must be a string, found number
            v2 bad geo                 | {"data":{"id":"1","text":"hi","author_id":"5","created_at":"2026-03-04T07:15:00Z","geo":{"coordinates":{"coordinates":[1]}}}} | twitter-v2: field 'data.geo.coordinates.coordinates' must be [longitude, latitude]
            v2 stream error            | {"errors":[{"title":"operational-disconnect","disconnect_type":"UpstreamOperationalDisconnect","detail":"This stream has been disconnected upstream for operational reasons.","type":"https://api.x.com/2/problems/operational-disconnect"}]} | twitter-v2: the API sent an error, not a post: operational-disconnect: This stream has been disconnected upstream for operational reasons.
            mastodon without account   | {"id":"1","created_at":"2026-03-04T07:15:00Z","content":"<p>hi</p>","account":{"acct":"x"}}   | mastodon: missing required field 'account.id'
            mastodon empty content     | {"id":"1","created_at":"2026-03-04T07:15:00Z","content":"<p> </p>","account":{"id":"2"}}      | mastodon: field 'content' has no text
            mastodon bad time          | {"id":"1","created_at":"soon","content":"<p>hi</p>","account":{"id":"2"}}                     | mastodon: field 'created_at' is not an ISO-8601 time
            mastodon event bad data    | {"event":"update","payload":"{not json"}                                                        | mastodon: field 'data' is not valid JSON
            jetstream without record   | {"did":"did:plc:a","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"r"}} | bluesky-jetstream: missing required field 'commit.record'
            jetstream without text     | {"did":"did:plc:a","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"r","record":{"createdAt":"2026-03-04T05:00:00Z"}}} | bluesky-jetstream: missing required field 'commit.record.text'
            jetstream odd operation    | {"did":"did:plc:a","time_us":1,"kind":"commit","commit":{"operation":"move","collection":"app.bsky.feed.post","rkey":"r"}} | bluesky-jetstream: field 'commit.operation' must be create, update or delete
            discourse without user     | {"topic_id":3,"post_number":1,"cooked":"<p>hi</p>","created_at":"2026-03-04T05:00:00Z"}         | discourse: missing required field 'username'
            discourse posts not array  | {"latest_posts":{}}                                                                             | discourse: field 'latest_posts' must be an array
            discourse bad revision time | {"post":{"topic_id":3,"post_number":2,"cooked":"<p>hi</p>","username":"a","created_at":"2026-03-04T05:00:00Z","version":2,"updated_at":"later"}} | discourse: field 'post.updated_at' is not an ISO-8601 time
            """)
    void rejectsMalformedRecordsNamingTheFormatAndField(String kind, String raw, String reason) {
        assertThat(parser.parse(raw)).singleElement().isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
            assertThat(invalid.raw()).isEqualTo(raw);
            assertThat(invalid.reason()).startsWith(reason);
        });
    }

    @Test
    void mastodonStreamingTextWithoutDataIsADeadLetter() {
        assertThat(parser.parse("event: update")).singleElement().isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).isEqualTo("mastodon: missing required field 'data'"));
    }

    @Test
    void enforcesTheTextLimitOnEveryFormat() {
        PostParser strict = new PostParser(new ParseParams(20));

        assertThat(strict.parse(fixture("mastodon-status.json"))).singleElement().isInstanceOfSatisfying(ParseResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).startsWith("mastodon: field 'text' has").contains("parse.maxTextChars"));
    }

    @Test
    void anExplicitFormatReadsEveryRecordAsThatFormat() {
        PostParser mastodonOnly = new PostParser(new ParseParams(10_000, "mastodon", null));

        assertThat(mastodonOnly.parse(fixture("bluesky-jetstream-create.json"))).singleElement()
                .isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> assertThat(invalid.reason()).startsWith("mastodon: missing required field"));
        assertThatThrownBy(() -> new ParseParams(10_000, "myspace", null)).hasMessageContaining("parse.format")
                .hasMessageContaining("twitter-v2");
        assertThatThrownBy(() -> new PostParser(new ParseParams(10_000, "twitter-v1.1", null)))
                .hasMessageContaining("TwitterV11Format");
        assertThatThrownBy(() -> new ParseParams(10_000, "csv", null)).hasMessageContaining("parse.csv");
    }

    @Test
    void anUnrecognisedObjectIsReadAsACanonicalPostAndSaysWhatIsMissing() {
        assertThat(parser.parse("{\"hello\":\"world\"}")).singleElement().isInstanceOfSatisfying(ParseResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo("missing required field 'id'"));
    }

    @Test
    void withoutTheConnectorsTwitterV11IsNotRecognised() {
        String status = "{\"id_str\":\"1\",\"created_at\":\"Wed Mar 04 07:15:00 +0000 2026\",\"text\":\"hi\",\"user\":{\"id_str\":\"2\"}}";

        assertThat(parser.parse(status)).singleElement().isInstanceOf(ParseResult.Invalid.class);
    }

    static String fixture(String name) {
        try (InputStream in = PlatformFormatsTest.class.getResourceAsStream("/formats/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Post onlyPost(List<ParseResult> results) {
        assertThat(results).singleElement().isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) results.get(0)).post();
    }
}
