package dev.earshot.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.junit.jupiter.api.Test;

class CsvRowsFormatTest {

    @Test
    void readsEachRowAsAJsonObjectKeepingQuotedCommasQuotesAndNewlines() throws Exception {
        File csv = new File(CsvRowsFormatTest.class.getResource("/airline.csv").toURI());
        List<JsonNode> rows = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (StreamFormat.Reader<String> reader = new CsvRowsFormat().createReader(new Configuration(), new LocalDataInputStream(csv))) {
            for (String row = reader.read(); row != null; row = reader.read()) {
                rows.add(json.readTree(row));
            }
        }

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get("text").asText()).isEqualTo("@SkywaysAir 2 hours on the tarmac, no water, \"great\" service #fail");
        assertThat(rows.get(0).get("tweet_created").asText()).isEqualTo("2015-02-24 11:35:52 -0800");
        assertThat(rows.get(1).get("text").asText()).isEqualTo("@SkywaysAir thanks, crew was lovely\nand the seat was fine");
        assertThat(rows.get(1).get("tweet_coord").asText()).isEqualTo("[40.64656067, -73.78334045]");
        assertThat(rows.get(3).get("tweet_id").asText()).isEqualTo("600000000000000004");
    }
}
