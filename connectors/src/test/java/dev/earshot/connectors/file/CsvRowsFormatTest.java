package dev.earshot.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.model.RawRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void readsEachRowAsAJsonObjectKeepingQuotedCommasQuotesAndNewlines() throws Exception {
        List<RawRecord> records = FormatReading.read(new CsvRowsFormat(), Path.of(CsvRowsFormatTest.class.getResource("/airline.csv").toURI()));
        List<JsonNode> rows = new ArrayList<>();
        for (RawRecord record : records) {
            assertThat(record.unreadable()).isNull();
            rows.add(JSON.readTree(record.value()));
        }

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get("text").asText()).isEqualTo("@SkywaysAir 2 hours on the tarmac, no water, \"great\" service #fail");
        assertThat(rows.get(0).get("tweet_created").asText()).isEqualTo("2015-02-24 11:35:52 -0800");
        assertThat(rows.get(1).get("text").asText()).isEqualTo("@SkywaysAir thanks, crew was lovely\nand the seat was fine");
        assertThat(rows.get(1).get("tweet_coord").asText()).isEqualTo("[40.64656067, -73.78334045]");
        assertThat(rows.get(3).get("tweet_id").asText()).isEqualTo("600000000000000004");
        assertThat(records.get(1).origin()).endsWith("airline.csv:3");
    }

    @Test
    void anUnclosedQuoteIsOneUnreadableRowAndTheRowsAfterItAreRead() throws Exception {
        Path csv = FormatReading.resource("broken-quote.csv");
        List<RawRecord> records = FormatReading.read(new CsvRowsFormat(), csv);

        assertThat(records).extracting(RawRecord::origin).containsExactly(csv + ":2", csv + ":3", csv + ":5", csv + ":6",
                csv + ":7", csv + ":8");
        assertThat(JSON.readTree(records.get(1).value()).get("text").asText()).isEqualTo("crew was lovely\nand the seat \"fine\"");
        RawRecord broken = records.get(2);
        assertThat(broken.value()).isEqualTo("3,cat,\"broken quote,2015-02-24 11:15:48 -0800");
        assertThat(broken.unreadable()).startsWith("a quoted cell opened on line 5 closes on line 7")
                .contains("close the quote");
        assertThat(JSON.readTree(records.get(3).value()).get("text").asText()).isEqualTo("refund please");
        assertThat(records.get(4).unreadable()).isEqualTo("the row has 5 cells but the header names 4 columns: quote cells that hold commas");
        assertThat(JSON.readTree(records.get(5).value()).get("text").asText()).isEqualTo("last \"one\"");
        assertThat(records).filteredOn(r -> r.unreadable() == null).hasSize(4);
    }

    @Test
    void aShortRowGivesItsMissingCellsAsNull() throws Exception {
        Path csv = Files.writeString(work.resolve("short.csv"), "id,text,created,place\n1,ragged row\n");

        JsonNode row = JSON.readTree(FormatReading.read(new CsvRowsFormat(), csv).get(0).value());

        assertThat(row.get("text").asText()).isEqualTo("ragged row");
        assertThat(row.get("created").isNull()).as("missing, not absent").isTrue();
        assertThat(row.get("place").isNull()).isTrue();
    }

    @Test
    void aQuoteStillOpenAtTheEndOfTheFileIsItsFirstLineOnly() throws Exception {
        Path csv = Files.writeString(work.resolve("end.csv"), "id,text\n1,fine\n2,\"never closed\n3,also read\n");

        List<RawRecord> records = FormatReading.read(new CsvRowsFormat(), csv);

        assertThat(records).extracting(RawRecord::value).containsExactly("{\"id\":\"1\",\"text\":\"fine\"}",
                "2,\"never closed", "{\"id\":\"3\",\"text\":\"also read\"}");
        assertThat(records.get(1).unreadable()).startsWith("a quoted cell opened on line 3 is not closed before the end of the file");
    }
}
