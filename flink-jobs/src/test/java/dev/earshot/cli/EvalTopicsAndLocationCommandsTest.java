package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Both commands on nine rows in the airline file's format: even tweet ids are development, odd held out. */
class EvalTopicsAndLocationCommandsTest extends CliDataFixture {

    @Override
    String dataResource() {
        return "/eval/tiny-tweets.csv";
    }

    @Test
    void topicsScoresTheBestTopicOfEachNegativeTweetWithAReasonOnBothHalves() {
        CliRun run = CliRun.run("eval", "topics", "--data", data.toString(), "--show-misses", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("7 negative tweets with a reason (\"Can't Tell\" left out); taxonomy airline-care")
                .contains("luggage              -> Lost Luggage")
                .contains("development half (even tweet_id; the taxonomy was tuned on it): 3 posts")
                .contains("macro-F1 1.000   accuracy 1.000   coverage 1.000 (3 with any topic)")
                .contains("held-out half (odd tweet_id): 4 posts")
                .contains("macro-F1 0.667   accuracy 0.750   coverage 0.750 (3 with any topic)")
                .containsPattern("Late Flight +1\\.000 +1\\.000 +1\\.000 +2\n")
                .containsPattern("Damaged Luggage +0\\.000 +0\\.000 +0\\.000 +1\n")
                .contains("Held-out macro-F1 0.667 (development 1.000): meets the bar of 0.60")
                .as("misses are shown from the development half only").doesNotContain("nice weather");
    }

    @Test
    void theDevelopmentHalfAloneShowsItsConfusionsAndNeverTheHeldOutFigure() {
        CliRun run = CliRun.run("eval", "topics", "--data", data.toString(), "--half", "development",
                "--show-misses", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("development half (even tweet_id; the taxonomy was tuned on it): 3 posts")
                .contains("Development macro-F1 1.000 (held-out half not scored)")
                .contains("Most frequent confusions of the development half")
                .doesNotContain("held-out half (odd tweet_id)").doesNotContain("Held-out macro-F1")
                .doesNotContain("0.667");
    }

    @Test
    void locationComparesTheResolverWithTheNaiveBaselineAndChecksAliasesAndNonPlaces() {
        CliRun run = CliRun.run("eval", "location", "--data", data.toString(), "--cities", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Gazetteer bundled (/gazetteer/cities15000.tsv.gz)")
                .contains("the resolver, the naive baseline and the oracle all use it")
                .contains("5 tweets with a geotag and a profile location; right = within 50 km of the geotag")
                .containsPattern("Earshot LocationResolver \\(profile\\) +100\\.0% +50\\.0% \\(1/2\\) +66\\.7% +100\\.0% "
                        + "\\(2/2\\) +80\\.0% +75\\.0% \\(3/4\\)")
                .containsPattern("naive: first comma part, exact name, largest population +100\\.0% +50\\.0% \\(1/2\\) "
                        + "+66\\.7% +50\\.0% \\(1/2\\) +80\\.0% +50\\.0% \\(2/4\\)")
                .as("Portland, Maine is 4,000 km from the LAX geotag; NYC, Seattle and Richmond are near")
                .contains("oracle: the profile names some gazetteer place within 50 km of the geotag: 3 of 5 (60.0%)")
                .containsPattern("0\\.45 +0\\.0% \\(0/1\\) \\| 100\\.0% \\(2/2\\)")
                .contains("within-50-km share +25.0 points over the naive baseline, 80.0% resolved: meets the bar")
                .contains("bound: 0 profiles right for a resolver but not for the oracle (must be 0); resolving >= "
                        + "60% (3) caps the within share at 100.0%, the bar needs 65.0%")
                .contains("Mumbai, IN (geonames:1275339").contains("    Bombay -> Mumbai\n")
                .contains("New York City, US (geonames:5128581").contains("    NYC -> New York City\n")
                .as("a section is checked beside its city and region, and alone when the name is only its own")
                .contains("    section Park Slope -> New York City; beside New York -> New York City; beside New York "
                        + "City -> New York City\n")
                .contains("    section Chinatown -> nothing (shared or generic); beside New York -> New York City")
                .contains("Checks: aliases all resolve alone to their city, sections all resolve to their city where "
                        + "they must, non-places all resolve to nothing")
                .contains("\"in my head\"             -> nothing")
                .contains(String.format("0 of %d resolve to a place", EvalLocationCommand.NON_PLACES.size()));
    }

    @Test
    void badInputGetsAClearMessage() {
        CliRun missing = CliRun.run("eval", "topics", "--data", folder.resolve("none.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("none.csv: no such file");

        CliRun gazetteer = CliRun.run("eval", "location", "--data", data.toString(), "--gazetteer",
                folder.resolve("none.tsv.gz").toString());
        assertThat(gazetteer.exitCode()).isEqualTo(2);
        assertThat(gazetteer.err()).contains("--gazetteer").contains("none.tsv.gz: no such file");

        CliRun taxonomy = CliRun.run("eval", "topics", "--data", data.toString(), "--taxonomy", "airline");
        assertThat(taxonomy.exitCode()).isEqualTo(2);
        assertThat(taxonomy.err()).contains("--taxonomy 'airline' is neither a bundled taxonomy");
    }
}
