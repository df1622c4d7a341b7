package dev.earshot.parse;

import static dev.earshot.parse.PlatformFormatsTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.dedup.PostLedger;
import dev.earshot.model.Post;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * X API v2 edits: a version whose id is not the first of its {@code edit_history_tweet_ids} is an edit of the post
 * with the first id. The fixtures are a tweet posted at 23:55:02 and its edit eight minutes later, past midnight,
 * with snowflake ids that hold those times.
 */
class TwitterV2EditsTest {

    private static final String ORIGINAL_ID = "2029344900818051091";
    private static final String EDIT_ID = "2029346946258373639";

    private final PostParser parser = new PostParser(ParseParams.defaults());

    @Test
    void anEditedVersionIsAnEditOfTheOriginalPostWithTheOriginalsIdAndTime() {
        Post original = onlyResult(parser.parse(fixture("twitter-v2-edit-original.json")), ParseResult.Valid.class).post();
        Post edit = onlyResult(parser.parse(fixture("twitter-v2-edit-version.json")), ParseResult.Edited.class).post();

        assertThat(original.id()).isEqualTo("twitter:" + ORIGINAL_ID);
        assertThat(original.editedAt()).isNull();
        assertThat(edit.id()).isEqualTo(original.id());
        assertThat(edit.text()).isEqualTo("@CityCareDesk the streetlights on 5th Cross and 6th Cross are out again #streetlights");
        assertThat(edit.editedAt()).as("this version's created_at").isEqualTo(Instant.parse("2026-03-05T00:03:10Z"));
        assertThat(edit.createdAt()).as("the original's, from its snowflake id: the post stays on its day")
                .isEqualTo(original.createdAt()).isEqualTo(Instant.parse("2026-03-04T23:55:02Z"));
        assertThat(edit.conversationId()).isEqualTo(original.conversationId()).isEqualTo("twitter:" + ORIGINAL_ID);
        assertThat(edit.url()).isEqualTo(original.url()).isEqualTo("https://x.com/meera_r/status/" + ORIGINAL_ID);
        assertThat(edit.author()).isEqualTo(original.author());
        assertThat(edit.hashtags()).containsExactly("streetlights");
    }

    @Test
    void aTweetListingOnlyItsOwnIdOrNoHistoryIsAPlainPost() {
        String original = fixture("twitter-v2-edit-original.json");
        String withoutHistory = original.replace("\"edit_history_tweet_ids\":[\"" + ORIGINAL_ID + "\"],", "");

        assertThat(withoutHistory).doesNotContain("edit_history_tweet_ids");
        for (String tweet : List.of(original, withoutHistory, original.replace("[\"" + ORIGINAL_ID + "\"]", "null"))) {
            Post post = onlyResult(parser.parse(tweet), ParseResult.Valid.class).post();
            assertThat(post.id()).isEqualTo("twitter:" + ORIGINAL_ID);
            assertThat(post.createdAt()).isEqualTo(Instant.parse("2026-03-04T23:55:02Z"));
            assertThat(post.editedAt()).isNull();
        }
    }

    @Test
    void anEditArrivingBeforeItsOriginalIsStillAnEditAndTheOriginalThenCountsOnceFollowedByTheEdit() {
        Post edit = onlyResult(parser.parse(fixture("twitter-v2-edit-version.json")), ParseResult.Edited.class).post();
        Post original = onlyResult(parser.parse(fixture("twitter-v2-edit-original.json")), ParseResult.Valid.class).post();

        PostLedger.Decision onEdit = PostLedger.onEdit(null, edit);
        PostLedger.Decision onOriginal = PostLedger.onPost(onEdit.next(), original);
        PostLedger.Decision onRepeat = PostLedger.onPost(onOriginal.next(), original);

        assertThat(onEdit.verdict()).isEqualTo(PostLedger.Verdict.EDIT);
        assertThat(onEdit.next().createdAt()).as("the post's time names its daily index").isEqualTo(original.createdAt());
        assertThat(onOriginal.verdict()).isEqualTo(PostLedger.Verdict.NEW);
        assertThat(onOriginal.reapply()).as("the edit, newer than the original").isEqualTo(edit);
        assertThat(onRepeat.verdict()).as("one post, not two").isEqualTo(PostLedger.Verdict.DUPLICATE);
    }

    @Test
    void aRetweetOfAnEditedTweetIsThePostAsEdited() {
        String edited = fixture("twitter-v2-edit-version.json");
        String editedTweet = edited.substring(edited.indexOf("{\"id\""), edited.indexOf(",\"includes\""));
        String retweet = "{\"data\":{\"id\":\"2029350000000000000\",\"text\":\"RT @meera_r: ...\",\"author_id\":\"5030\","
                + "\"created_at\":\"2026-03-05T00:15:18.000Z\",\"edit_history_tweet_ids\":[\"2029350000000000000\"],"
                + "\"referenced_tweets\":[{\"type\":\"retweeted\",\"id\":\"" + EDIT_ID + "\"}]},"
                + "\"includes\":{\"tweets\":[" + editedTweet + "]}}";

        Post post = onlyResult(parser.parse(retweet), ParseResult.Valid.class).post();

        assertThat(post.id()).isEqualTo("twitter:" + ORIGINAL_ID);
        assertThat(post.text()).contains("6th Cross");
        assertThat(post.editedAt()).isEqualTo(Instant.parse("2026-03-05T00:03:10Z"));
    }

    @Test
    void aMalformedHistoryIsADeadLetterWhileItsSiblingsStillCount() {
        String original = fixture("twitter-v2-edit-original.json");
        String tweet = original.substring(original.indexOf("{\"id\""), original.indexOf(",\"includes\""));
        String response = "{\"data\":[" + tweet + "," + tweet.replace("[\"" + ORIGINAL_ID + "\"]", "\"" + ORIGINAL_ID + "\"") + "]}";

        List<ParseResult> results = parser.parse(response);

        assertThat(results).hasSize(2);
        assertThat(results.get(0)).isInstanceOf(ParseResult.Valid.class);
        assertThat(results.get(1)).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> assertThat(invalid.reason())
                .isEqualTo("twitter-v2: field 'data[1].edit_history_tweet_ids' must be an array of tweet ids, found string"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not an array         | "2029344900818051091"                            | field 'data.edit_history_tweet_ids' must be an array of tweet ids, found string
            numeric id           | [2029344900818051091, "2029346946258373639"]       | field 'data.edit_history_tweet_ids[0]' must be a tweet id string, found number
            empty id             | ["", "2029346946258373639"]                        | field 'data.edit_history_tweet_ids[0]' must be a tweet id string, found an empty string
            empty array          | []                                                  | field 'data.edit_history_tweet_ids' must list the tweet's own id 2029346946258373639, found []
            without its own id   | ["2029344900818051091"]                            | field 'data.edit_history_tweet_ids' must list the tweet's own id 2029346946258373639, found [2029344900818051091]
            original not numeric | ["x1", "2029346946258373639"]                      | field 'data.edit_history_tweet_ids[0]' must be a numeric tweet id, was "x1"
            later id not numeric | ["2029344900818051091", "2029346946258373639", "x"] | field 'data.edit_history_tweet_ids[2]' must be a numeric tweet id, was "x"
            original after edit  | ["2029347000000000000", "2029346946258373639"]     | field 'data.edit_history_tweet_ids[0]' is not the id of a tweet posted before this version and after 2022-09-01T00:00:00Z (when X introduced edits): 2029347000000000000 is from 2026-03-05T00:03:22Z, this version from 2026-03-05T00:03:10Z
            original before edits| ["20", "2029346946258373639"]                      | field 'data.edit_history_tweet_ids[0]' is not the id of a tweet posted before this version and after 2022-09-01T00:00:00Z (when X introduced edits): 20 is from 2010-11-04T01:42:54Z, this version from 2026-03-05T00:03:10Z
            """)
    void rejectsAMalformedEditHistoryNamingTheField(String kind, String history, String reason) {
        String edit = fixture("twitter-v2-edit-version.json")
                .replace("[\"" + ORIGINAL_ID + "\",\"" + EDIT_ID + "\"]", history);

        assertThat(parser.parse(edit)).singleElement().isInstanceOfSatisfying(ParseResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo("twitter-v2: " + reason));
    }

    private static <T extends ParseResult> T onlyResult(List<ParseResult> results, Class<T> type) {
        assertThat(results).singleElement().isInstanceOf(type);
        return type.cast(results.get(0));
    }
}
