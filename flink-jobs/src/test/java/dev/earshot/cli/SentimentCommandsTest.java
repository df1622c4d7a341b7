package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.flink.EnrichResources;
import dev.earshot.parse.ParseParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SentimentCommandsTest extends CliDataFixture {

    @Override
    String dataResource() {
        return "/sentiment/tiny-airline.csv";
    }

    @Test
    void evalSentimentPrintsEveryMethodsScoresMatrixAndSpeed() {
        CliRun run = CliRun.run("eval", "sentiment", "--data", data.toString(), "--methods", "vader,earshot,adapted,tfidf");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("20 labelled posts {NEGATIVE=8, NEUTRAL=6, POSITIVE=6}; split (seed 42): 16 train, 4 test")
                .contains("(b) plain VADER").contains("(c) Earshot out of the box").contains("(d) Earshot adapted")
                .contains("(e) TF-IDF").contains("on all 20 posts").contains("on the 20% test split, 4 posts")
                .contains("accuracy").contains("macro-F1").contains("gold \\ predicted")
                .contains("posts/s per core scoring pre-tokenised text")
                .contains("posts/s per core for the whole stage")
                .contains("posts/s per core from raw text, CoreNLP tokenizer + scoring")
                .contains("labels differing from the full analysis: 0")
                .contains("Summary: macro-F1").contains("dev (even id) (10)").contains("held-out (odd id) (10)")
                .doesNotContain("(a) CoreNLP");
    }

    @Test
    void showsMissesOfTheDevelopmentHalfOnly() throws IOException {
        // Both posts are labelled neutral and both read as positive; only the even id may be shown.
        Path misses = folder.resolve("misses.csv");
        Files.writeString(misses, "tweet_id,airline_sentiment,text\n"
                + "5002,neutral,what a wonderful lovely great day\n"
                + "5003,neutral,such a wonderful lovely great crew\n");

        CliRun run = CliRun.run("eval", "sentiment", "--data", misses.toString(), "--methods", "earshot",
                "--show-misses", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Misses of Earshot out of the box on the development half (even id), first 1:")
                .contains("gold NEUTRAL  got POSITIVE").contains("great day").doesNotContain("great crew");
    }

    @Test
    void readsVadersTweetRatingsByTheirFormatName() throws IOException {
        Path ratings = folder.resolve("ratings.txt");
        Files.writeString(ratings, "1\t2.4\tWhat a lovely morning :)\n2\t-2.8\tWorst commute ever\n"
                + "3\t0.1\tThe market opens at nine\n");

        CliRun run = CliRun.run("eval", "sentiment", "--data", ratings.toString(), "--format", "vader-tweets",
                "--methods", "earshot");
        CliRun wrongName = CliRun.run("eval", "sentiment", "--data", ratings.toString(), "--format", "vader");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 labelled posts {NEGATIVE=1, NEUTRAL=1, POSITIVE=1}").contains("on all 3 posts");
        assertThat(wrongName.exitCode()).isEqualTo(2);
        assertThat(wrongName.err()).contains("'vader' is not airline, sentiment140 or vader-tweets");
    }

    @Test
    void trainSentimentWritesAModelThatEvalCanScore() throws IOException {
        Path model = folder.resolve("model.json");

        CliRun train = CliRun.run("train", "sentiment", "--data", data.toString(), "--label-column", "airline_sentiment",
                "--out", model.toString(), "--min-per-class", "6");

        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("20 labelled posts").contains("enrich: { sentimentModel: " + model);
        assertThat(Files.readString(model)).startsWith("{\"format\":\"earshot-sentiment-model/3\"");

        CliRun eval = CliRun.run("eval", "sentiment", "--data", data.toString(), "--methods", "earshot", "--model",
                model.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("trained model " + model);

        EarshotConfig config = ConfigLoader.parse("enrich: { sentimentModel: '" + model + "' }\n", "t");
        assertThat(LocalRun.header("bundled sample stream", config, EnrichResources.load(config.enrich())))
                .as("a run names the model that scores its posts").matches("Earshot: bundled sample stream -> files "
                        + "\\(parallelism \\d+, windows 2h sliding by 30m, sentiment model " + Pattern.quote(model.toString())
                        + " \\(earshot-trained/3:[0-9a-f]{8}\\)\\)");
    }

    @Test
    void trainSentimentRefusesTooFewPostsPerClassUnlessTold() {
        Path model = folder.resolve("few.json");

        CliRun refused = CliRun.run("train", "sentiment", "--data", data.toString(), "--label-column", "airline_sentiment",
                "--out", model.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("too few labelled posts to train on: NEGATIVE 8, NEUTRAL 6, POSITIVE 6, fewer "
                + "than 100 per class", "--min-per-class 0");
        assertThat(model).doesNotExist();
        CliRun belowAsked = CliRun.run("train", "sentiment", "--data", data.toString(), "--label-column", "airline_sentiment",
                "--out", model.toString(), "--min-per-class", "7");
        assertThat(belowAsked.err()).contains("too few labelled posts to train on: NEUTRAL 6, POSITIVE 6, fewer than 7");
    }

    @Test
    void textsLongerThanTheJobAcceptsAreSkippedAndCounted() throws IOException {
        // One character over the parse stage's limit: CoreNLP's pipeline could stall for minutes on a long one.
        int limit = ParseParams.defaults().maxTextChars();
        String tooLong = "terrible ".repeat(limit / 9) + "x".repeat(limit % 9 + 1);
        Path withLong = folder.resolve("with-long.csv");
        Files.writeString(withLong, Files.readString(data) + "9001,negative,FlyHigh,\"" + tooLong + "\"\n");
        String skipped = withLong + ": skipped 1 labelled post longer than 10,000 characters, as the job's parse stage "
                + "rejects them (parse.maxTextChars, --max-text-chars)";

        CliRun eval = CliRun.run("eval", "sentiment", "--data", withLong.toString(), "--methods", "earshot");
        CliRun train = CliRun.run("train", "sentiment", "--data", withLong.toString(), "--label-column",
                "airline_sentiment", "--out", folder.resolve("model.json").toString(), "--min-per-class", "0");

        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains(skipped).contains("20 labelled posts {NEGATIVE=8, NEUTRAL=6, POSITIVE=6}")
                .contains("on all 20 posts").contains("dev (even id) (10)");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains(skipped).contains("20 labelled posts {NEGATIVE=8, NEUTRAL=6, POSITIVE=6}");
    }

    @Test
    void aUsersOwnTextLimitIsTheOneApplied() throws IOException {
        Path withLong = folder.resolve("with-long.csv");
        Files.writeString(withLong, Files.readString(data) + "9001,negative,FlyHigh,\"" + "late ".repeat(40) + "\"\n");

        CliRun eval = CliRun.run("eval", "sentiment", "--data", withLong.toString(), "--methods", "earshot",
                "--max-text-chars", "150");
        CliRun train = CliRun.run("train", "sentiment", "--data", withLong.toString(), "--label-column",
                "airline_sentiment", "--out", folder.resolve("model.json").toString(), "--min-per-class", "0",
                "--max-text-chars", "150");
        CliRun none = CliRun.run("eval", "sentiment", "--data", withLong.toString(), "--methods", "earshot",
                "--max-text-chars", "0");

        String skipped = withLong + ": skipped 1 labelled post longer than 150 characters";
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains(skipped).contains("20 labelled posts");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains(skipped).contains("20 labelled posts");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--max-text-chars must be at least 1, was 0");
    }

    @Test
    void trainAndEvalReadTheSameFilesAndSayWhenTheirFiguresMeanLittle() throws IOException {
        Path oneClass = Files.writeString(folder.resolve("one-class.csv"), "label,text\nnegative,awful service\n"
                + "negative,terrible delay\n");

        CliRun eval = CliRun.run("eval", "sentiment", "--data", oneClass.toString(), "--methods", "earshot");
        CliRun train = CliRun.run("train", "sentiment", "--data", data.toString(), "--out",
                folder.resolve("model.json").toString(), "--min-per-class", "0");

        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("2 labelled posts {NEGATIVE=2}",
                "note: no labelled posts of NEUTRAL, POSITIVE: macro-F1 averages all 3 classes, each absent one counting 0",
                "note: 2 labelled posts: too few for figures that mean much (the test split has 0)");
        assertThat(train.exitCode()).as("the airline tweets' label column, without --label-column: " + train.err()).isZero();
        assertThat(train.out()).contains("20 labelled posts {NEGATIVE=8, NEUTRAL=6, POSITIVE=6}");
    }

    @Test
    void aTabSeparatedOrEmptyFileIsToldSo() throws IOException {
        Path tabs = Files.writeString(folder.resolve("tabs.csv"), "label\ttext\nnegative\tawful\n");
        Path headerOnly = Files.writeString(folder.resolve("header-only.csv"), "label,text\n");

        CliRun tabbed = CliRun.run("train", "sentiment", "--data", tabs.toString(), "--out", folder.resolve("m.json").toString());
        CliRun tabbedWithColumn = CliRun.run("eval", "sentiment", "--data", tabs.toString(), "--label-column", "label");
        CliRun empty = CliRun.run("train", "sentiment", "--data", headerOnly.toString(), "--out",
                folder.resolve("m.json").toString());

        assertThat(tabbed.err()).isEqualTo("earshot: --data " + tabs + ": no label column in the header [label\ttext]: "
                + "without --label-column it is one of [airline_sentiment, label]; the file looks tab-separated, and this "
                + "reads comma-separated CSV: save it as CSV" + System.lineSeparator());
        assertThat(tabbedWithColumn.err()).contains("no column 'text' in the header [label\ttext]; the file looks tab-separated");
        assertThat(empty.err()).isEqualTo("earshot: --data " + headerOnly + ": no labelled posts in it" + System.lineSeparator());
    }

    @Test
    void badInputGetsAClearMessage() {
        CliRun missingColumn = CliRun.run("train", "sentiment", "--data", data.toString(), "--label-column", "label",
                "--out", folder.resolve("never.json").toString());
        assertThat(missingColumn.exitCode()).isEqualTo(2);
        assertThat(missingColumn.err()).contains("no column 'label' in the header").contains("--label-column");

        CliRun missingFile = CliRun.run("eval", "sentiment", "--data", folder.resolve("absent.csv").toString());
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("absent.csv: no such file");
        CliRun aFolder = CliRun.run("eval", "sentiment", "--data", folder.toString());
        assertThat(aFolder.exitCode()).isEqualTo(2);
        assertThat(aFolder.err()).contains("--data " + folder + ": is a folder; give the file itself");

        CliRun noDevelopmentHalf = CliRun.run("eval", "sentiment", "--data", data.toString(), "--id-column", "absent",
                "--show-misses", "3");
        assertThat(noDevelopmentHalf.exitCode()).isEqualTo(2);
        assertThat(noDevelopmentHalf.err()).contains("--show-misses needs a development half");
    }

    @Test
    void aByteOrderMarkAndCrlfLinesAreReadAsTheJobReadsThem() throws IOException {
        Path bom = folder.resolve("bom.csv");
        Files.write(bom, ("\uFEFFlabel,text\r\nnegative,\"bus late again\"\r\npositive,\"thanks, great crew\"\r\n"
                + "neutral,\"route 5 today\"\r\n").getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.run("eval", "sentiment", "--data", bom.toString(), "--methods", "earshot");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 labelled posts {NEGATIVE=1, NEUTRAL=1, POSITIVE=1}");
    }

    @Test
    void aLatin1FileStopsTrainAndEvalWithOneLineNamingTheFileLineByteAndFix() throws IOException {
        Path latin1 = folder.resolve("latin1.csv");
        Files.write(latin1, "label,text\nneutral,bus today\nnegative,caf\u00e9 awful\n".getBytes(StandardCharsets.ISO_8859_1));

        CliRun train = CliRun.run("train", "sentiment", "--data", latin1.toString(), "--out", folder.resolve("m.json").toString());
        CliRun eval = CliRun.run("eval", "sentiment", "--data", latin1.toString(), "--methods", "earshot");

        for (CliRun run : List.of(train, eval)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err().strip()).doesNotContain("\n").startsWith("earshot: --data " + latin1
                    + ": line 3 is not valid UTF-8: byte 13 of the line (0xE9, byte 42 of the file) is not.")
                    .contains("iconv -f latin1 -t utf-8").doesNotContain("raw holds");
        }
    }

    @Test
    void aQuoteLeftOpenStopsTrainWithOneLineNamingTheRowAndLines() throws IOException {
        Path open = folder.resolve("open.csv");
        Files.writeString(open, "label,text\nneutral,\"bus today\"\nnegative,\"left open\npositive,\"thanks\"\n");

        CliRun run = CliRun.run("train", "sentiment", "--data", open.toString(), "--out", folder.resolve("m.json").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("earshot: --data " + open
                + ": row 3 (lines 3 to 4) is not valid CSV (").endsWith("a quoted cell is most likely left open on line 3,"
                + " so that it ran on to line 4: close the quote (a quote inside a quoted cell is written twice: \"\")");
    }
}
