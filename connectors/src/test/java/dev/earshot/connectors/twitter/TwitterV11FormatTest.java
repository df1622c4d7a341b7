package dev.earshot.connectors.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.GeoPoint;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import dev.earshot.parse.ParseParams;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twitter v1.1 statuses through the parser with the twitter4j mapping plugged in, recognised by shape. */
class TwitterV11FormatTest {

    private final PostParser parser = new PostParser(ParseParams.defaults(), List.of(new TwitterV11Format()));

    @Test
    void readsAnExtendedReplyWithItsFullTextGeotagAndPlace() throws IOException {
        Post post = onlyPost(fixture("extended-reply.json"));

        assertThat(post.id()).isEqualTo("twitter:1890000000000000001");
        assertThat(post.text()).endsWith("for two kilometres #flooding #water");
        assertThat(post.createdAt()).isEqualTo(Instant.parse("2026-03-04T07:15:00Z"));
        assertThat(post.geo()).isEqualTo(new GeoPoint(12.9, 77.6));
        assertThat(post.place()).isEqualTo("Bengaluru, India");
        assertThat(post.replyToId()).isEqualTo("twitter:1890000000000000000");
        assertThat(post.replyToHandle()).isEqualTo("CityCareDesk");
        assertThat(post.author().id()).isEqualTo("3001");
        assertThat(post.author().handle()).isEqualTo("vik_blr");
        assertThat(post.author().followers()).isEqualTo(512);
        assertThat(post.author().profileLocation()).isEqualTo("Bangalore, India");
        assertThat(post.hashtags()).containsExactly("flooding", "water");
        assertThat(post.mentions()).containsExactly("CityCareDesk");
        assertThat(post.lang()).isEqualTo("en");
    }

    @Test
    void readsARetweetAsTheRetweetedStatus() throws IOException {
        Post post = onlyPost(fixture("retweet.json"));

        assertThat(post.id()).isEqualTo("twitter:1890000000000000004");
        assertThat(post.text()).isEqualTo("Hosur Road junction flooded again");
        assertThat(post.author().handle()).isEqualTo("vik_blr");
    }

    @Test
    void readsADeleteNoticeAsADeletion() {
        assertThat(parser.parse("{\"delete\":{\"status\":{\"id\":1890000000000000001,\"id_str\":\"1890000000000000001\",\"user_id\":3001}}}"))
                .containsExactly(new ParseResult.Deletion(new PostDeletion("twitter:1890000000000000001", "twitter", null, null, null)));
        assertThat(parser.parse("{\"delete\":{\"status\":{\"id_str\":\"1890000000000000001\",\"user_id_str\":\"3001\"},"
                + "\"timestamp_ms\":\"1772600000000\"}}"))
                .containsExactly(new ParseResult.Deletion(new PostDeletion("twitter:1890000000000000001", "twitter", "3001",
                        Instant.ofEpochMilli(1772600000000L), null)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            numeric id only  | {"id_str":"1","created_at":"Wed Mar 04 07:15:00 +0000 2026","text":"hi","user":{"id":2}}               | twitter-v1.1: missing required field 'user.id_str'
            no text          | {"id_str":"1","created_at":"Wed Mar 04 07:15:00 +0000 2026","user":{"id_str":"2"}}                      | twitter-v1.1: missing required field 'text'
            bad time         | {"id":1,"id_str":"1","created_at":"yesterday","text":"hi","user":{"id":2,"id_str":"2"}}                 | twitter-v1.1: not a status twitter4j can read
            delete without id| {"delete":{"status":{"id":1}}}                                                                           | twitter-v1.1: missing required field 'delete.status.id_str'
            """)
    void rejectsMalformedStatusesNamingTheField(String kind, String raw, String reason) {
        assertThat(parser.parse(raw)).singleElement().isInstanceOfSatisfying(ParseResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).startsWith(reason));
    }

    private Post onlyPost(String raw) {
        List<ParseResult> results = parser.parse(raw);
        assertThat(results).singleElement().isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) results.get(0)).post();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = TwitterV11FormatTest.class.getResourceAsStream("/twitter/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
