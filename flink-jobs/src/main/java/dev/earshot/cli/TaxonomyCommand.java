package dev.earshot.cli;

import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TopicMatcher;
import dev.earshot.eval.HoldOut;
import dev.earshot.eval.LabelledCsv;
import dev.earshot.eval.PhraseMiner;
import dev.earshot.eval.PhraseMiner.LabelledPost;
import dev.earshot.eval.PhraseMiner.Report;
import dev.earshot.eval.PhraseMiner.Suggestion;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "taxonomy", mixinStandardHelpOptions = true, subcommands = TaxonomyCommand.Suggest.class,
        description = "Help write a topic taxonomy.")
final class TaxonomyCommand {

    @Command(name = "suggest", mixinStandardHelpOptions = true,
            description = {"From posts labelled with what they are about, list the phrases and hashtags that are "
                    + "frequent and telling for a label but that the taxonomy does not yet match for it, for you to "
                    + "review and add to the label's topic.",
                    "Each label stands for the topic that, as the best topic of the posts, most often has that label. "
                            + "A suggestion shows: posts of the label having it (support), the share of all posts "
                            + "having it that have the label (precision), the posts whose best topic it would make right "
                            + "(fixes) and wrong (breaks), how much it alone would raise the macro-F1 over the labels, "
                            + "and the other topics it already matches."})
    static final class Suggest implements Callable<Integer> {

        private static final long FOLD_SEED = 7L;

        @Spec
        private CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "a CSV file with a header row")
        private Path data;

        @Option(names = "--taxonomy", required = true, paramLabel = "NAME|FILE",
                description = "a bundled taxonomy (" + "city-operations, brand-care, airline-care) or a YAML file")
        private String taxonomyName;

        @Option(names = "--text-column", defaultValue = "text", description = "default ${DEFAULT-VALUE}")
        private String textColumn;

        @Option(names = "--label-column", defaultValue = "label",
                description = "the topic label; rows with an empty label are skipped (default ${DEFAULT-VALUE})")
        private String labelColumn;

        @Option(names = "--skip-label", paramLabel = "LABEL", description = "a label to leave out, e.g. \"Can't Tell\"")
        private List<String> skipLabels = new ArrayList<>();

        /** Which rows to mine: an author should mine only the part of the labelled posts not kept for evaluation. */
        enum Half { all, development }

        @Option(names = "--half", defaultValue = "all", paramLabel = "HALF",
                description = "all (default) or development: only rows whose --id-column value is even, the half "
                        + "`eval topics` lets you tune on")
        private Half half;

        @Option(names = "--id-column", defaultValue = "tweet_id", description = "for --half (default ${DEFAULT-VALUE})")
        private String idColumn;

        @Option(names = "--max-words", defaultValue = "3", description = "longest phrase (default ${DEFAULT-VALUE})")
        private int maxWords;

        @Option(names = "--min-support", defaultValue = "5",
                description = "fewest posts of the label having it (default ${DEFAULT-VALUE})")
        private int minSupport;

        @Option(names = "--min-precision", defaultValue = "0.6",
                description = "least share of the posts having it that have the label (default ${DEFAULT-VALUE})")
        private double minPrecision;

        @Option(names = "--per-label", defaultValue = "15", description = "suggestions per label (default ${DEFAULT-VALUE})")
        private int perLabel;

        @Option(names = "--write", paramLabel = "FILE", description = "also write the taxonomy with every suggestion "
                + "added to FILE, to edit (the original's comments are not kept)")
        private Path write;

        @Option(names = "--check", description = "also check that suggestions generalize: split the rows in two "
                + "(seeded), mine on one part, add every suggestion, and score macro-F1 on the other, both ways")
        private boolean check;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try {
                PhraseMiner.Params params = new PhraseMiner.Params(maxWords, minSupport, minPrecision, perLabel);
                Taxonomy taxonomy = EvalTopicsCommand.loadTaxonomy(taxonomyName);
                CoreNlpTextAnalyzer analyzer = CoreNlpTextAnalyzer.shared();
                List<LabelledPost> posts = read().stream()
                        .map(row -> new LabelledPost(analyzer.analyze(row.get(textColumn)), row.get(labelColumn).trim()))
                        .toList();
                TopicMatcher matcher = TopicMatcher.compile(taxonomy, analyzer);
                Report report = PhraseMiner.mine(posts, matcher, analyzer, params);
                out.printf(Locale.ROOT, "%s (%s rows): %,d labelled posts; taxonomy %s matches no topic in %.1f%% of "
                        + "them; macro-F1 of the best topic %.3f%n", data, half, posts.size(), taxonomyName,
                        100 * report.unmatched(), PhraseMiner.macroF1(posts, matcher, report.labelByTopic()));
                out.println("Topics and the labels they stand for:");
                report.labelByTopic().forEach((topic, label) -> out.printf("  %-24s -> %s%n", topic, label));
                printSuggestions(out, report.suggestions());
                if (write != null) {
                    Files.writeString(write, PhraseMiner.accept(taxonomy, report.suggestions()).yaml());
                    out.printf("%nWrote the taxonomy with every suggestion added to %s%n", write);
                }
                if (check) {
                    check(out, posts, taxonomy, matcher, analyzer, params);
                }
                out.flush();
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("earshot: " + e.getMessage());
                return 2;
            }
        }

        private static void printSuggestions(PrintWriter out, List<Suggestion> suggestions) {
            String label = null;
            for (Suggestion suggestion : suggestions) {
                if (!suggestion.label().equals(label)) {
                    label = suggestion.label();
                    out.printf("%n%s -> add to %s:%n  %-30s %7s %9s %5s %6s %8s  %s%n", label, suggestion.topic(),
                            "phrase", "support", "precision", "fixes", "breaks", "macro-F1", "already matches");
                }
                out.printf(Locale.ROOT, "  %-30s %7d %9.2f %5d %6d %+8.4f  %s%n", suggestion.text(),
                        suggestion.support(), suggestion.precision(), suggestion.fixes(), suggestion.breaks(),
                        suggestion.macroF1Gain(),
                        suggestion.matchesNow().isEmpty() ? "" : String.join(", ", suggestion.matchesNow()));
            }
            if (suggestions.isEmpty()) {
                out.println("No suggestions at these thresholds.");
            }
        }

        /** Two-fold: do phrases mined from some posts help on posts they were not mined from? */
        private static void check(PrintWriter out, List<LabelledPost> posts, Taxonomy taxonomy, TopicMatcher before,
                CoreNlpTextAnalyzer analyzer, PhraseMiner.Params params) {
            HoldOut.Split<LabelledPost> split = HoldOut.split(posts, 0.5, FOLD_SEED);
            out.printf("%nCheck (every suggestion added unreviewed; macro-F1 on the part not mined from):%n");
            List<List<LabelledPost>> parts = List.of(split.train(), split.test());
            for (int fold = 0; fold < 2; fold++) {
                List<LabelledPost> mined = parts.get(fold);
                List<LabelledPost> scored = parts.get(1 - fold);
                Report report = PhraseMiner.mine(mined, before, analyzer, params);
                TopicMatcher after = TopicMatcher.compile(PhraseMiner.accept(taxonomy, report.suggestions()), analyzer);
                Map<String, String> labelsAfter = PhraseMiner.labels(mined, after);
                out.printf(Locale.ROOT, "  fold %d: %d suggestions; on the other %,d posts macro-F1 %.3f -> %.3f "
                        + "(on the mined part %.3f -> %.3f)%n", fold + 1, report.suggestions().size(), scored.size(),
                        PhraseMiner.macroF1(scored, before, report.labelByTopic()),
                        PhraseMiner.macroF1(scored, after, labelsAfter),
                        PhraseMiner.macroF1(mined, before, report.labelByTopic()),
                        PhraseMiner.macroF1(mined, after, labelsAfter));
            }
        }

        private List<Map<String, String>> read() throws IOException {
            List<String> columns = half == Half.all ? List.of(textColumn, labelColumn)
                    : List.of(textColumn, labelColumn, idColumn);
            List<String> header = DataFile.header(data);
            if (!header.isEmpty() && !header.contains(labelColumn)) {
                throw new IllegalArgumentException("--data " + data + ": no column '" + labelColumn + "' in the header "
                        + header + LabelledCsv.missingTopicLabelFix(header));
            }
            List<Map<String, String>> rows = DataFile.readColumns(data, columns.stream().distinct().toList());
            List<Map<String, String>> labelled = rows.stream()
                    .filter(row -> !row.get(labelColumn).isBlank() && !skipLabels.contains(row.get(labelColumn).trim()))
                    .toList();
            if (half == Half.development) {
                labelled = HoldOut.byIdParity(labelled, row -> row.get(idColumn)).train();
            }
            if (labelled.isEmpty()) {
                throw new IllegalArgumentException("--data " + data + ": no rows with a label in column '"
                        + labelColumn + "'");
            }
            return labelled;
        }
    }
}
