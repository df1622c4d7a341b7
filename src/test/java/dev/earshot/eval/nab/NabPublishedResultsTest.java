package dev.earshot.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rescores NAB's own published per-row anomaly scores (see src/test/resources/nab/NOTICE.md) at the threshold NAB
 * chose, and must reproduce NAB's published per-file raw scores and counts, and its per-row weights S(t).
 */
class NabPublishedResultsTest {

    private static final String ROOT = "/nab/";
    private static final Map<String, List<NabWindow.TimeWindow>> WINDOWS =
            NabLabels.readWindows("combined_windows_realTweets.json", text(ROOT + "labels/combined_windows_realTweets.json"));
    private static final JsonNode THRESHOLDS = readJson(ROOT + "published-results/thresholds.json");

    static Stream<NabPublishedResult> publishedRows() {
        try (BufferedReader csv = reader(ROOT + "nab_published_results_realTweets_per_file.csv", false)) {
            return NabPublishedResult.read("per-file results", csv).stream()
                    .filter(row -> NabPublishedResultsTest.class.getResource(resultsPath(row)) != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedRows")
    void reproducesNabsPublishedRawScoreAndCounts(NabPublishedResult published) throws IOException {
        NabSeries scores;
        try (BufferedReader csv = reader(resultsPath(published), true)) {
            scores = NabSeries.read(published.file(), csv, "anomaly_score");
        }
        double threshold = THRESHOLDS.get(published.detector()).get(published.profile()).get("threshold").asDouble();
        assertThat(threshold).isEqualTo(published.threshold(), within(1e-6));
        boolean[] detections = new boolean[scores.rows()];
        for (int row = 0; row < detections.length; row++) {
            detections[row] = scores.values()[row] >= threshold;
        }
        List<NabWindow> windows = NabWindow.locate(published.file(), scores.timestamps(), WINDOWS.get(published.file()));
        NabProfile profile = NabProfile.all().stream().filter(p -> p.name().equals(published.profile())).findFirst().orElseThrow();

        NabFileScore score = NabScorer.score(detections, windows, profile);

        assertThat(score.rawScore()).isEqualTo(published.rawScore(), within(1e-6));
        assertThat(List.of(score.tpRows(), score.tnRows(), score.fpRows(), score.fnRows()))
                .containsExactly(published.tpRows(), published.tnRows(), published.fpRows(), published.fnRows());
    }

    /** ARTime's files come from NAB's current scorer, which writes every row's weight; older files only some. */
    static Stream<NabPublishedResult> publishedRowsWithWeights() {
        return publishedRows().filter(row -> row.detector().equals("ARTime"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedRowsWithWeights")
    void reproducesNabsPerRowWeights(NabPublishedResult published) throws IOException {
        NabSeries weights;
        try (BufferedReader csv = reader(resultsPath(published), true)) {
            weights = NabSeries.read(published.file(), csv, "S(t)_" + published.profile());
        }
        NabProfile profile = NabProfile.all().stream().filter(p -> p.name().equals(published.profile())).findFirst().orElseThrow();
        List<NabWindow> windows = NabWindow.locate(published.file(), weights.timestamps(), WINDOWS.get(published.file()));

        double[] computed = NabScorer.rowWeights(weights.rows(), windows, profile);

        for (int row = 0; row < computed.length; row++) {
            assertThat(computed[row]).as("row %d", row).isEqualTo(weights.values()[row], within(1e-9));
        }
    }

    private static String resultsPath(NabPublishedResult row) {
        String file = row.file().substring(row.file().lastIndexOf('/') + 1);
        return ROOT + "published-results/" + row.detector() + "/" + row.detector() + "_" + file + ".gz";
    }

    private static BufferedReader reader(String resource, boolean gzipped) throws IOException {
        InputStream in = NabPublishedResultsTest.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return new BufferedReader(new InputStreamReader(gzipped ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8));
    }

    private static String text(String resource) {
        try (BufferedReader in = reader(resource, false)) {
            return in.lines().reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String resource) {
        try {
            return Json.mapper().readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
