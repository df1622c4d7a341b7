package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentCommandsTest {

    @TempDir
    static Path folder;

    private static Path data;

    /** What one command printed and returned. */
    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void copyFixture() throws IOException {
        data = folder.resolve("tiny-airline.csv");
        try (InputStream fixture = SentimentCommandsTest.class.getResourceAsStream("/sentiment/tiny-airline.csv")) {
            Files.copy(fixture, data);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = EarshotCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void evalSentimentPrintsEveryMethodsScoresMatrixAndSpeed() {
        Run run = run("eval", "sentiment", "--data", data.toString(), "--methods", "vader,earshot,adapted,tfidf");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("20 labelled posts {NEGATIVE=8, NEUTRAL=6, POSITIVE=6}; split (seed 42): 16 train, 4 test")
                .contains("(b) plain VADER").contains("(c) Earshot out of the box").contains("(d) Earshot adapted")
                .contains("(e) TF-IDF").contains("on all 20 posts").contains("on the 20% test split, 4 posts")
                .contains("accuracy").contains("macro-F1").contains("gold \\ predicted")
                .contains("posts/s per core scoring pre-tokenised text")
                .contains("posts/s per core for the whole stage")
                .contains("Summary: macro-F1").doesNotContain("(a) CoreNLP");
    }

    @Test
    void trainSentimentWritesAModelThatEvalCanScore() throws IOException {
        Path model = folder.resolve("model.json");

        Run train = run("train", "sentiment", "--data", data.toString(), "--label-column", "airline_sentiment",
                "--out", model.toString());

        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("20 labelled posts").contains("enrich: { sentimentModel: " + model);
        assertThat(Files.readString(model)).startsWith("{\"format\":\"earshot-sentiment-model/1\"");

        Run eval = run("eval", "sentiment", "--data", data.toString(), "--methods", "earshot", "--model",
                model.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("trained model " + model);
    }

    @Test
    void badInputGetsAClearMessage() {
        Run missingColumn = run("train", "sentiment", "--data", data.toString(), "--out",
                folder.resolve("never.json").toString());
        assertThat(missingColumn.exitCode()).isEqualTo(2);
        assertThat(missingColumn.err()).contains("no column 'label' in the header").contains("--label-column");

        Run missingFile = run("eval", "sentiment", "--data", folder.resolve("absent.csv").toString());
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("absent.csv: no such file");
    }
}
