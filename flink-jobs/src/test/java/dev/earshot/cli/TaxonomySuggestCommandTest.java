package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code taxonomy suggest} on the nine airline rows {@link EvalTopicsAndLocationCommandsTest} uses. */
class TaxonomySuggestCommandTest extends CliDataFixture {

    @Override
    String dataResource() {
        return "/eval/tiny-tweets.csv";
    }

    @Test
    void reportsTheUnmatchedShareTheLabelsOfTheTopicsAndTheSuggestions() {
        CliRun run = CliRun.run("taxonomy", "suggest", "--data", data.toString(), "--taxonomy", "airline-care",
                "--label-column", "negativereason", "--skip-label", "Can't Tell", "--min-support", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .as("7 rows have a reason other than Can't Tell; \"nice weather\" (Damaged Luggage) matches nothing,"
                        + " so 5 of the 6 labels have F1 1")
                .contains("(all rows): 7 labelled posts; taxonomy airline-care matches no topic in 14.3% of them;"
                        + " macro-F1 of the best topic 0.833")
                .contains("  cancelled_flight         -> Cancelled Flight\n")
                .contains("  lost_luggage             -> Lost Luggage\n")
                .as("a topic that is no post's best topic stands for no label").doesNotContain("  luggage ")
                .as("every post with a topic is right, so nothing would fix anything")
                .contains("No suggestions at these thresholds.");
    }

    @Test
    void theDevelopmentHalfKeepsOnlyEvenIds() {
        CliRun run = CliRun.run("taxonomy", "suggest", "--data", data.toString(), "--taxonomy", "airline-care",
                "--label-column", "negativereason", "--skip-label", "Can't Tell", "--half", "development");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(development rows): 3 labelled posts");
    }

    @Test
    void aMissingColumnOrTaxonomyIsAClearError() {
        CliRun noColumn = CliRun.run("taxonomy", "suggest", "--data", data.toString(), "--taxonomy", "airline-care");
        CliRun noTaxonomy = CliRun.run("taxonomy", "suggest", "--data", data.toString(), "--taxonomy", "nope.yaml",
                "--label-column", "negativereason");

        assertThat(noColumn.exitCode()).isEqualTo(2);
        assertThat(noColumn.err()).contains("no column 'label' in the header [").contains(
                "; pass --label-column NAME with the column that holds each post's topic (columns that look like one: "
                + "negativereason, negativereason_gold)");
        assertThat(noTaxonomy.exitCode()).isEqualTo(2);
        assertThat(noTaxonomy.err()).contains("--taxonomy 'nope.yaml' is neither a bundled taxonomy");
    }
}
