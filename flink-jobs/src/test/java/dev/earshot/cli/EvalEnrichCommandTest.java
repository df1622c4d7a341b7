package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.enrich.Enricher;
import dev.earshot.enrich.location.LocationResolver;
import dev.earshot.enrich.sentiment.SocialSentimentScorer;
import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TopicMatcher;
import dev.earshot.json.Json;
import dev.earshot.model.Post;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The enrich stage's timing command on nine rows in the airline file's format, and on the bundled stream. */
class EvalEnrichCommandTest extends CliDataFixture {

    @Override
    String dataResource() {
        return "/eval/tiny-tweets.csv";
    }

    @Test
    void timesTheStageAndDigestsTheSameOutputAsAnEnricherWithoutCaches() throws Exception {
        CliRun run = CliRun.run("eval", "enrich", "--data", data.toString(), "--passes", "1");

        CoreNlpTextAnalyzer analyzer = CoreNlpTextAnalyzer.shared();
        Enricher uncached = new Enricher(analyzer, SocialSentimentScorer.create(),
                TopicMatcher.compile(Taxonomy.bundled("airline-care"), analyzer), LocationResolver.withDefaults());
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (Post post : EvalEnrichCommand.airlinePosts(data)) {
            expected.update((Json.write(uncached.enrich(post)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(data + ": 9 posts, 9 distinct texts; taxonomy airline-care")
                .containsPattern("speed: [\\d,]+ posts/s per core for the whole enrich stage \\(median of 1 passes")
                .contains("enriched posts digest (SHA-256 of their canonical JSON lines): "
                        + HexFormat.of().formatHex(expected.digest()));
    }

    @Test
    void withoutDataItReadsTheBundledStream() {
        CliRun run = CliRun.run("eval", "enrich", "--limit", "30", "--passes", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("bundled sample stream: 30 posts").contains("taxonomy city-operations");
    }

    @Test
    void rejectsTooFewPasses() {
        CliRun run = CliRun.run("eval", "enrich", "--passes", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--passes must be at least 1, was 0");
    }
}
