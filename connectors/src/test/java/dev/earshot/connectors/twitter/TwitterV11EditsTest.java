package dev.earshot.connectors.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.dedup.PostLedger;
import dev.earshot.model.Post;
import dev.earshot.parse.ParseParams;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * X API v1.1 edits, in both shapes X documents: enterprise payloads' {@code edit_history} and standard endpoints'
 * {@code ext_edit_control}. The fixtures are a tweet posted at 07:15:00, its edit at 07:21:41 (enterprise shape) and a
 * second edit at 07:29:05 (standard shape), with snowflake ids that hold those times.
 */
class TwitterV11EditsTest {

    private static final String ORIGINAL_ID = "2029093234168320419";
    private static final String EDIT_ID = "2029094918017786375";
    private static final Instant POSTED_AT = Instant.parse("2026-03-04T07:15:00Z");
    private static final String ORIGINAL_HISTORY = "\"edit_history\":{\"initial_tweet_id\":\"" + ORIGINAL_ID
            + "\",\"edit_tweet_ids\":[\"" + ORIGINAL_ID + "\"]},";
    private static final String EDIT_HISTORY = "\"edit_history\":{\"initial_tweet_id\":\"" + ORIGINAL_ID
            + "\",\"edit_tweet_ids\":[\"" + ORIGINAL_ID + "\",\"" + EDIT_ID + "\"]},";

    private final PostParser parser = new PostParser(ParseParams.defaults(), List.of(new TwitterV11Format()));

    @Test
    void anEditedVersionIsAnEditOfTheOriginalPostWithTheOriginalsIdAndTime() {
        Post original = onlyResult(fixture("edit-original.json"), ParseResult.Valid.class).post();
        Post edit = onlyResult(fixture("edit-version.json"), ParseResult.Edited.class).post();

        assertThat(original.id()).isEqualTo("twitter:" + ORIGINAL_ID);
        assertThat(original.createdAt()).isEqualTo(POSTED_AT);
        assertThat(original.editedAt()).isNull();
        assertThat(edit.id()).isEqualTo(original.id());
        assertThat(edit.text()).isEqualTo("@CityCareDesk no water on Hosur Road or in Bommanahalli since morning #water");
        assertThat(edit.editedAt()).as("this version's created_at").isEqualTo(Instant.parse("2026-03-04T07:21:41Z"));
        assertThat(edit.createdAt()).as("the original's, from its snowflake id").isEqualTo(POSTED_AT);
        assertThat(edit.url()).isEqualTo(original.url()).isEqualTo("https://x.com/vik_blr/status/" + ORIGINAL_ID);
        assertThat(edit.author()).isEqualTo(original.author());
        assertThat(edit.hashtags()).containsExactly("water");
        assertThat(edit.replyToHandle()).isEqualTo("CityCareDesk");
    }

    @Test
    void readsTheStandardEndpointsExtEditControlToo() {
        String edit = fixture("ext-edit-control-version.json");
        String withoutInitialList = edit.replaceAll("\"edit_control_initial\":\\{[^}]*},", "");
        String original = fixture("edit-original.json").replace(ORIGINAL_HISTORY, "\"ext_edit_control\":{\"initial\":{"
                + "\"edit_tweet_ids\":[\"" + ORIGINAL_ID + "\",\"" + EDIT_ID + "\"],\"editable_until_msecs\":\"1772610300412\","
                + "\"edits_remaining\":\"4\",\"is_edit_eligible\":true}},");

        assertThat(withoutInitialList).doesNotContain("edit_control_initial");
        for (String version : List.of(edit, withoutInitialList)) {
            Post post = onlyResult(version, ParseResult.Edited.class).post();
            assertThat(post.id()).isEqualTo("twitter:" + ORIGINAL_ID);
            assertThat(post.createdAt()).isEqualTo(POSTED_AT);
            assertThat(post.editedAt()).isEqualTo(Instant.parse("2026-03-04T07:29:05Z"));
            assertThat(post.text()).endsWith("since 6am #water");
        }
        assertThat(original).contains("ext_edit_control").doesNotContain("edit_history");
        Post post = onlyResult(original, ParseResult.Valid.class).post();
        assertThat(post.id()).as("the original, fetched after its edit").isEqualTo("twitter:" + ORIGINAL_ID);
        assertThat(post.editedAt()).isNull();
    }

    @Test
    void aTweetWithoutHistoryOrListingOnlyItsOwnIdIsAPlainPost() {
        String original = fixture("edit-original.json");
        String withoutHistory = original.replace(ORIGINAL_HISTORY, "");
        String nullHistory = original.replace(ORIGINAL_HISTORY, "\"edit_history\":null,");

        assertThat(withoutHistory).doesNotContain("edit_history");
        for (String tweet : List.of(original, withoutHistory, nullHistory)) {
            Post post = onlyResult(tweet, ParseResult.Valid.class).post();
            assertThat(post.id()).isEqualTo("twitter:" + ORIGINAL_ID);
            assertThat(post.createdAt()).isEqualTo(POSTED_AT);
            assertThat(post.editedAt()).isNull();
        }
    }

    @Test
    void theEditReplacesThePostItCountedOnceAsAndARepeatOfTheOriginalAddsNothing() {
        Post original = onlyResult(fixture("edit-original.json"), ParseResult.Valid.class).post();
        Post edit = onlyResult(fixture("edit-version.json"), ParseResult.Edited.class).post();

        PostLedger.Decision onOriginal = PostLedger.onPost(null, original);
        PostLedger.Decision onEdit = PostLedger.onEdit(onOriginal.next(), edit);
        PostLedger.Decision onRepeat = PostLedger.onPost(onEdit.next(), original);

        assertThat(onOriginal.verdict()).isEqualTo(PostLedger.Verdict.NEW);
        assertThat(onEdit.verdict()).isEqualTo(PostLedger.Verdict.EDIT);
        assertThat(onRepeat.verdict()).as("one post, not two").isEqualTo(PostLedger.Verdict.DUPLICATE);
    }

    @Test
    void aRetweetOfAnEditedTweetIsThePostAsEdited() {
        String edited = fixture("edit-version.json").strip();
        String retweet = "{\"created_at\":\"Wed Mar 04 08:00:00 +0000 2026\",\"id\":2029104000000000000,"
                + "\"id_str\":\"2029104000000000000\",\"text\":\"RT @vik_blr: no water on Hosur Road or in Bommanahalli\","
                + "\"user\":{\"id\":3002,\"id_str\":\"3002\",\"screen_name\":\"amplifier\"},\"retweeted_status\":" + edited + "}";

        Post post = onlyResult(retweet, ParseResult.Valid.class).post();

        assertThat(post.id()).isEqualTo("twitter:" + ORIGINAL_ID);
        assertThat(post.text()).contains("Bommanahalli");
        assertThat(post.editedAt()).isEqualTo(Instant.parse("2026-03-04T07:21:41Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not an object        | "edit_history":"2029093234168320419"                                                     | field 'edit_history' must be an object, found string
            no ids               | "edit_history":{"initial_tweet_id":"2029093234168320419"}                                 | missing required field 'edit_history.edit_tweet_ids'
            ids not an array     | "edit_history":{"initial_tweet_id":"2029093234168320419","edit_tweet_ids":"2029094918017786375"} | field 'edit_history.edit_tweet_ids' must be an array of tweet ids, found string
            numeric id           | "edit_history":{"initial_tweet_id":"2029093234168320419","edit_tweet_ids":[2029093234168320419,"2029094918017786375"]} | field 'edit_history.edit_tweet_ids[0]' must be a tweet id string, found number
            id not numeric       | "edit_history":{"initial_tweet_id":"2029093234168320419","edit_tweet_ids":["2029093234168320419","v2"]} | field 'edit_history.edit_tweet_ids[1]' must be a numeric tweet id, was "v2"
            without its own id   | "edit_history":{"initial_tweet_id":"2029093234168320419","edit_tweet_ids":["2029093234168320419"]} | field 'edit_history.edit_tweet_ids' must list the tweet's own id 2029094918017786375, found [2029093234168320419]
            no initial id        | "edit_history":{"edit_tweet_ids":["2029093234168320419","2029094918017786375"]}           | missing required field 'edit_history.initial_tweet_id'
            initial not first    | "edit_history":{"initial_tweet_id":"2029094918017786375","edit_tweet_ids":["2029093234168320419","2029094918017786375"]} | field 'edit_history.initial_tweet_id' must be the first of the versions' ids [2029093234168320419, 2029094918017786375], was 2029094918017786375
            original after edit  | "edit_history":{"initial_tweet_id":"2029095000000000000","edit_tweet_ids":["2029095000000000000","2029094918017786375"]} | field 'edit_history.edit_tweet_ids[0]' is not the id of a tweet posted before this version and after 2022-09-01T00:00:00Z (when X introduced edits): 2029095000000000000 is from 2026-03-04T07:22:01Z, this version from 2026-03-04T07:21:41Z
            control not an object| "ext_edit_control":[]                                                                     | field 'ext_edit_control' must be an object, found array
            control without either| "ext_edit_control":{}                                                                    | missing required field 'ext_edit_control.initial'
            edit without initial id| "ext_edit_control":{"edit":{}}                                                         | missing required field 'ext_edit_control.edit.initial_tweet_id'
            edit's list without own id| "ext_edit_control":{"edit":{"initial_tweet_id":"2029093234168320419","edit_control_initial":{"edit_tweet_ids":["2029093234168320419"]}}} | field 'ext_edit_control.edit.edit_control_initial.edit_tweet_ids' must list the tweet's own id 2029094918017786375, found [2029093234168320419]
            """)
    void rejectsAMalformedEditHistoryNamingTheField(String kind, String history, String reason) {
        String edit = fixture("edit-version.json").replace(EDIT_HISTORY, history + ",");

        assertThat(edit).contains(history);
        assertThat(parser.parse(edit)).singleElement().isInstanceOfSatisfying(ParseResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo("twitter-v1.1: " + reason));
    }

    @Test
    void aRetweetsMalformedHistoryIsNamedUnderRetweetedStatus() {
        String edited = fixture("edit-version.json").strip().replace(EDIT_HISTORY, "\"edit_history\":[],");
        String retweet = "{\"created_at\":\"Wed Mar 04 08:00:00 +0000 2026\",\"id\":2029104000000000000,"
                + "\"id_str\":\"2029104000000000000\",\"text\":\"RT @vik_blr: no water\","
                + "\"user\":{\"id\":3002,\"id_str\":\"3002\",\"screen_name\":\"amplifier\"},\"retweeted_status\":" + edited + "}";

        assertThat(parser.parse(retweet)).singleElement().isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> assertThat(
                invalid.reason()).isEqualTo("twitter-v1.1: field 'retweeted_status.edit_history' must be an object, found array"));
    }

    private <T extends ParseResult> T onlyResult(String raw, Class<T> type) {
        List<ParseResult> results = parser.parse(raw);
        assertThat(results).singleElement().isInstanceOf(type);
        return type.cast(results.get(0));
    }

    private static String fixture(String name) {
        try (InputStream in = TwitterV11EditsTest.class.getResourceAsStream("/twitter/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
