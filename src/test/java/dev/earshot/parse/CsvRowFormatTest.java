package dev.earshot.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.GeoPoint;
import dev.earshot.model.Post;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV rows (as the replay reader hands them on: header name to cell) mapped with the airline data set's columns. */
class CsvRowFormatTest {

    private final PostParser parser = new PostParser(ParseParams.defaults().withCsv(CsvColumns.airline()));

    @Test
    void mapsTheAirlineColumnsAndItsTimeFormat() {
        Post post = onlyPost("{\"tweet_id\":\"600000000000000001\",\"name\":\"traveller_jo\",\"text\":\"@SkywaysAir 2 hours on the tarmac #fail\","
                + "\"tweet_coord\":\"[40.64656067, -73.78334045]\",\"tweet_created\":\"2015-02-24 11:35:52 -0800\",\"tweet_location\":\"Austin, TX\"}");

        assertThat(post.id()).isEqualTo("twitter:600000000000000001");
        assertThat(post.source()).isEqualTo("twitter");
        assertThat(post.createdAt()).isEqualTo(Instant.parse("2015-02-24T19:35:52Z"));
        assertThat(post.author().id()).isEqualTo("traveller_jo");
        assertThat(post.author().profileLocation()).isEqualTo("Austin, TX");
        assertThat(post.geo()).isEqualTo(new GeoPoint(40.64656067, -73.78334045));
        assertThat(post.mentions()).containsExactly("SkywaysAir");
        assertThat(post.hashtags()).containsExactly("fail");
    }

    @Test
    void treatsZeroCoordinatesAndEmptyCellsAsAbsent() {
        Post post = onlyPost("{\"tweet_id\":\"3\",\"name\":\"\",\"text\":\"where do I check a bike?\",\"tweet_coord\":\"[0.0, 0.0]\","
                + "\"tweet_created\":\"2015-02-23 21:00:00 +0000\",\"tweet_location\":\"\"}");

        assertThat(post.geo()).isNull();
        assertThat(post.author().id()).isEqualTo("unknown");
        assertThat(post.author().profileLocation()).isNull();
    }

    @Test
    void derivesAStableIdWhenNoIdColumnIsMapped() {
        PostParser noIds = new PostParser(ParseParams.defaults().withCsv(
                new CsvColumns("body", "when", null, null, null, null, null, "dd/MM/yyyy HH:mm XXX")));
        String row = "{\"body\":\"bins not collected\",\"when\":\"04/03/2026 07:15 +05:30\"}";

        Post post = ((ParseResult.Valid) noIds.parse(row).get(0)).post();

        assertThat(post.id()).startsWith("csv:").isEqualTo(((ParseResult.Valid) noIds.parse(row).get(0)).post().id());
        assertThat(post.createdAt()).isEqualTo(Instant.parse("2026-03-04T01:45:00Z"));
    }

    @Test
    void rejectsRowsNamingTheColumnAndTheKey() {
        assertThat(invalidReason("{\"tweet_id\":\"4\",\"name\":\"x\",\"text\":\"delayed\",\"tweet_coord\":\"\",\"tweet_created\":\"yesterday\",\"tweet_location\":\"\"}"))
                .isEqualTo("csv: column 'tweet_created' (parse.csv.createdAt) is not a time: \"yesterday\"; expected ISO-8601 or"
                        + " yyyy-MM-dd HH:mm:ss Z (parse.csv.timeFormat)");
        assertThat(invalidReason("{\"tweet_id\":\"4\",\"name\":\"x\",\"text\":\"\",\"tweet_coord\":\"\",\"tweet_created\":\"2015-02-23 21:00:00 +0000\",\"tweet_location\":\"\"}"))
                .isEqualTo("csv: column 'text' (parse.csv.text) is empty");
        assertThat(invalidReason("{\"tweet_id\":\"4\",\"text\":\"hi\",\"tweet_created\":\"2015-02-23 21:00:00 +0000\"}"))
                .isEqualTo("csv: column 'name' (parse.csv.author) is not in the file's header");
        assertThat(invalidReason("{\"tweet_id\":\"4\",\"name\":\"x\",\"text\":\"hi\",\"tweet_coord\":\"[north]\",\"tweet_created\":\"2015-02-23 21:00:00 +0000\",\"tweet_location\":\"\"}"))
                .contains("parse.csv.coordinates");
    }

    @Test
    void aShortRowNamesTheMissingCellAndPassesWhenOnlyOptionalCellsAreMissing() {
        // the replay reader gives a row with fewer cells than the header null for the missing ones
        assertThat(invalidReason("{\"tweet_id\":\"4\",\"name\":\"x\",\"text\":\"ragged row\",\"tweet_created\":null,"
                + "\"tweet_location\":null,\"tweet_coord\":null}"))
                .isEqualTo("csv: column 'tweet_created' (parse.csv.createdAt) is missing: the row has fewer cells than the "
                        + "header; add the missing cells (empty ones are ,,)");
        Post post = onlyPost("{\"tweet_id\":\"5\",\"name\":\"x\",\"text\":\"short but whole\","
                + "\"tweet_created\":\"2015-02-23 21:00:00 +0000\",\"tweet_location\":null,\"tweet_coord\":null}");
        assertThat(post.author().profileLocation()).isNull();
        assertThat(post.geo()).isNull();
    }

    private Post onlyPost(String row) {
        List<ParseResult> results = parser.parse(row);
        assertThat(results).singleElement().isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) results.get(0)).post();
    }

    private String invalidReason(String row) {
        return ((ParseResult.Invalid) parser.parse(row).get(0)).reason();
    }
}
