package dev.earshot.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.json.Json;
import dev.earshot.model.Author;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Post;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostParserTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:15:00Z");

    private final PostParser parser = new PostParser(new ParseParams(100));

    @Test
    void parsesACanonicalPost() {
        Post post = new Post("bluesky:3kx1", "bluesky", T0, "No #parking near MG Road in Bengaluru", "en",
                new Author("did:plc:abc", "ramesh", 120, "Bangalore, India"), new GeoPoint(12.97, 77.59),
                "Bengaluru, India", null, null, null, null, List.of("parking"), List.of());

        ParseResult result = onlyResult(Json.write(post));

        assertThat(result).isEqualTo(new ParseResult.Valid(post));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON          | this is not json                                                          | not valid JSON
            truncated JSON    | {"id":"x:1","source":"x","createdAt":"2026-03-02T08:15:00Z","text":"hi    | not valid JSON: the record is cut off at line 1, column 71
            cut-off object    | {"id":"x:1","source":"x","createdAt":"2026-03-02T08:15:00Z","text":"hi"   | not valid JSON: the record is cut off at line 1, column 72: the object opened at line 1, column 1 is not closed
            stray character   | {"id":"x:1",}                                                             | not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name at line 1, column 13
            array             | [1,2,3]                                                                   | expected a JSON object, found array
            missing id        | {"source":"x","createdAt":"2026-03-02T08:15:00Z","text":"hi","author":{"id":"a"}}          | missing required field 'id'
            missing author id | {"id":"x:1","source":"x","createdAt":"2026-03-02T08:15:00Z","text":"hi","author":{"handle":"a"}} | missing required field 'author.id'
            blank author id   | {"id":"x:1","source":"x","createdAt":"2026-03-02T08:15:00Z","text":"hi","author":{"id":" "}}     | missing required field 'author.id'
            missing time      | {"id":"x:1","source":"x","text":"hi","author":{"id":"a"}}                                  | missing required field 'createdAt'
            empty text        | {"id":"x:1","source":"x","createdAt":"2026-03-02T08:15:00Z","text":"  ","author":{"id":"a"}} | field 'text' is empty
            text not string   | {"id":"x:1","source":"x","createdAt":"2026-03-02T08:15:00Z","text":42,"author":{"id":"a"}}   | field 'text' must be a string
            followers string  | {"id":"x:1","source":"x","createdAt":"2026-03-02T08:15:00Z","text":"hi","author":{"id":"a","followers":"lots"}} | field 'author.followers' has the wrong type: expected a whole number, found string "lots"
            time as number    | {"id":"x:1","source":"x","createdAt":12345,"text":"hi","author":{"id":"a"}}                | field 'createdAt' has the wrong type
            bad time          | {"id":"x:1","source":"x","createdAt":"yesterday","text":"hi","author":{"id":"a"}}          | field 'createdAt' has the wrong type: expected an ISO-8601 instant such as "2026-03-02T08:15:00Z", found string "yesterday"
            bad geotag        | {"id":"x:1","source":"x","createdAt":"2026-03-02T08:15:00Z","text":"hi","author":{"id":"a"},"geo":{"lat":95,"lon":0}} | not a WGS84 point
            """)
    void rejectsWithAReasonThatSaysWhatIsWrong(String kind, String raw, String reason) {
        ParseResult result = onlyResult(raw);

        assertThat(result).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
            assertThat(invalid.raw()).isEqualTo(raw);
            assertThat(invalid.reason()).contains(reason).doesNotContain("java.", "CoercionConfig", "`", "Source");
        });
    }

    @Test
    void rejectsOversizedTextNamingTheLimitAndTheKey() {
        String raw = "{\"id\":\"x:1\",\"source\":\"x\",\"createdAt\":\"2026-03-02T08:15:00Z\",\"text\":\"" + "a".repeat(101)
                + "\",\"author\":{\"id\":\"a\"}}";

        assertThat(onlyResult(raw)).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).contains("101 characters", "limit of 100", "parse.maxTextChars"));
    }

    @Test
    void ignoresUnknownFieldsSoNewerWritersDoNotBreakOlderReaders() {
        String raw = "{\"id\":\"x:1\",\"source\":\"x\",\"createdAt\":\"2026-03-02T08:15:00Z\",\"text\":\"hi\","
                + "\"author\":{\"id\":\"a\"},\"futureField\":true}";

        assertThat(onlyResult(raw)).isInstanceOf(ParseResult.Valid.class);
    }

    /** A canonical record is one post, so one result. */
    private ParseResult onlyResult(String raw) {
        List<ParseResult> results = parser.parse(raw);
        assertThat(results).hasSize(1);
        return results.get(0);
    }
}
