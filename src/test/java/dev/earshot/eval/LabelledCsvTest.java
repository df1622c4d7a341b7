package dev.earshot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.model.SentimentLabel;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledCsvTest {

    @Test
    void readsQuotedFieldsWithLineBreaksCommasAndQuotes() {
        String csv = "tweet_id,airline_sentiment,text,airline\r\n"
                + "1,negative,\"@FlyHigh flight delayed, AGAIN.\nSecond line \"\"really\"\"\",FlyHigh\r\n"
                + "2,Neutral,what time does gate B open?,FlyHigh\n"
                + "3, positive ,\"thanks,\r\nteam\",FlyHigh\n";

        List<LabelledText> rows = LabelledCsv.readWithHeader(new StringReader(csv), "text", "airline_sentiment");

        assertThat(rows).containsExactly(
                new LabelledText("@FlyHigh flight delayed, AGAIN.\nSecond line \"really\"", SentimentLabel.NEGATIVE),
                new LabelledText("what time does gate B open?", SentimentLabel.NEUTRAL),
                new LabelledText("thanks,\r\nteam", SentimentLabel.POSITIVE));
    }

    @Test
    void readsSentiment140Polarities() {
        String csv = "\"4\",\"3\",\"Mon May 11 03:17:40 UTC 2009\",\"kindle2\",\"someone\",\"love my kindle, really\"\n"
                + "\"0\",\"4\",\"Mon May 11 03:18:03 UTC 2009\",\"kindle2\",\"other\",\"screen cracked :(\"\n"
                + "\"2\",\"5\",\"Mon May 11 03:18:54 UTC 2009\",\"nike\",\"third\",\"new shoes out today\"\n";

        assertThat(LabelledCsv.readSentiment140(new StringReader(csv))).extracting(LabelledText::label)
                .containsExactly(SentimentLabel.POSITIVE, SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL);
    }

    @Test
    void badRowsStopTheReadNamingTheRowAndTheFix() {
        assertThatThrownBy(() -> LabelledCsv.readWithHeader(new StringReader("text,label\nfine,positive\n"
                + "\"two\nlines\",angry\n"), "text", "label"))
                .hasMessage("row 3: label 'angry' in column 'label' is not negative, neutral or positive");
        assertThatThrownBy(() -> LabelledCsv.readWithHeader(new StringReader("body,label\nx,positive\n"), "text",
                "label"))
                .hasMessageContaining("no column 'text' in the header [body, label]; name the right one with --text-column");
        assertThatThrownBy(() -> LabelledCsv.readSentiment140(new StringReader("\"1\",\"2\",\"d\",\"q\",\"u\",\"t\"\n")))
                .hasMessage("row 1: polarity '1' is not 0, 2 or 4");
        assertThatThrownBy(() -> LabelledCsv.readSentiment140(new StringReader("\"4\",\"only three\",\"x\"\n")))
                .hasMessageContaining("row 1: 3 fields, expected the 6 of Sentiment140");
    }

    @Test
    void aQuoteLeftOpenStopsTheReadNamingItsRowItsLinesAndTheFix() {
        String csv = "label,text\npositive,\"two\nlines\"\nnegative,\"left open\nneutral,\"bus late\"\n";

        assertThatThrownBy(() -> LabelledCsv.readWithHeader(new StringReader(csv), "text", "label"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("row 3 (lines 4 to 5) is not valid CSV (")
                .hasMessageEndingWith("): a quoted cell is most likely left open on line 4, so that it ran on to line 5:"
                        + " close the quote (a quote inside a quoted cell is written twice: \"\")");
        assertThatThrownBy(() -> LabelledCsv.readColumns(new StringReader("label,text\npositive,\"ok\"x\n"),
                List.of("text")))
                .hasMessageStartingWith("row 2 (line 2) is not valid CSV (");
    }

    @Test
    void holdOutSplitsAreDisjointCompleteAndFixedBySeed() {
        List<Integer> rows = java.util.stream.IntStream.range(0, 100).boxed().toList();

        HoldOut.Split<Integer> split = HoldOut.split(rows, 0.8, 42);

        assertThat(split.train()).hasSize(80).doesNotContainAnyElementsOf(split.test());
        assertThat(split.test()).hasSize(20);
        assertThat(HoldOut.split(rows, 0.8, 42)).isEqualTo(split);
        assertThat(HoldOut.split(rows, 0.8, 43).test()).isNotEqualTo(split.test());
    }

    @Test
    void readsNamedColumnsOfEveryRowInTheOrderAsked() {
        String csv = "tweet_id,text,tweet_coord,tweet_location\n"
                + "1,\"hi, there\",\"[40.7, -74.0]\",NYC\n"
                + "2,\"two\nlines\",,\n";

        assertThat(LabelledCsv.readColumns(new StringReader(csv), List.of("tweet_location", "tweet_coord")))
                .containsExactly(java.util.Map.of("tweet_location", "NYC", "tweet_coord", "[40.7, -74.0]"),
                        java.util.Map.of("tweet_location", "", "tweet_coord", ""));
        assertThatThrownBy(() -> LabelledCsv.readColumns(new StringReader(csv), List.of("negativereason")))
                .hasMessageContaining("no column 'negativereason' in the header [tweet_id, text, tweet_coord, tweet_location]");
    }

    @Test
    void aMissingTopicLabelColumnsFixNamesTheOptionAndTheColumnsThatLookLikeLabels() {
        assertThat(LabelledCsv.missingTopicLabelFix(List.of("tweet_id", "airline_sentiment", "negativereason",
                "negativereason_confidence", "text")))
                .isEqualTo("; pass --label-column NAME with the column that holds each post's topic (columns that "
                        + "look like one: negativereason)");
        assertThat(LabelledCsv.missingTopicLabelFix(List.of("id", "Topic", "body", "Category")))
                .endsWith("(columns that look like one: Topic, Category)");
        assertThat(LabelledCsv.missingTopicLabelFix(List.of("id", "body")))
                .isEqualTo("; pass --label-column NAME with the column that holds each post's topic");
    }
}
