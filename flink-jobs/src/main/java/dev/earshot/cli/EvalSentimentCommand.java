package dev.earshot.cli;

import dev.earshot.enrich.sentiment.CoreNlpSentimentBaseline;
import dev.earshot.enrich.sentiment.SentimentScorer;
import dev.earshot.enrich.sentiment.SocialSentimentScorer;
import dev.earshot.enrich.sentiment.TfIdfBaseline;
import dev.earshot.enrich.sentiment.TrainedSentimentScorer;
import dev.earshot.eval.ConfusionMatrix;
import dev.earshot.eval.HoldOut;
import dev.earshot.eval.LabelledText;
import dev.earshot.model.SentimentLabel;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures the sentiment methods on a labelled set: accuracy, macro-F1, per-class precision and recall, the
 * confusion matrix and posts per second on one core (every method runs on this one thread).
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = {"Measure sentiment methods on labelled posts (e.g. the Twitter US Airline Sentiment set).",
                "Lexicon methods are scored on every post; trained methods learn from a seeded 80%% and are scored "
                        + "on the other 20%%; CoreNLP's slow pipeline on a seeded sample."})
final class EvalSentimentCommand implements Callable<Integer> {

    private static final int DEFAULT_CORENLP_POSTS = 2_000;
    private static final int TIMED_PASSES = 5;
    /** Below this many labelled posts, the output says its figures mean little. */
    private static final int FEW_POSTS = 100;
    private static final List<String> CLASSES = Arrays.stream(SentimentLabel.values()).map(Enum::name).toList();

    enum Method {
        corenlp("(a) CoreNLP sentiment pipeline (tokenize,ssplit,parse,sentiment)"),
        vader("(b) plain VADER (published lexicon and rules, no social additions)"),
        earshot("(c) Earshot out of the box (social lexicon scorer)"),
        adapted("(d) Earshot adapted (trained on the 80% split)"),
        tfidf("(e) TF-IDF word + char n-grams, logistic regression (80% split)");

        final String title;

        Method(String title) {
            this.title = title;
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "labelled posts (CSV)")
    private Path data;

    @Option(names = "--format", defaultValue = "airline", paramLabel = "airline|sentiment140|vader-tweets",
            converter = SentimentData.Format.Converter.class,
            description = "airline: CSV with a header (default); sentiment140: polarity 0/2/4, no header; "
                    + "vader-tweets: VADER's tweet ground truth (id, mean rating, text; tab-separated)")
    private SentimentData.Format format;

    @Option(names = "--text-column", defaultValue = "text", description = "default ${DEFAULT-VALUE}")
    private String textColumn;

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "default: airline_sentiment or label, whichever the header has (as train sentiment)")
    private String labelColumn;

    @Option(names = "--limit", paramLabel = "N", description = {"use only N posts (a seeded sample) for every "
            + "method; without it every method uses all posts except CoreNLP's pipeline, which scores a seeded "
            + "sample of " + DEFAULT_CORENLP_POSTS + " (about 12 posts/s)"})
    private Integer limit;

    @Option(names = "--methods", split = ",", paramLabel = "M,...",
            description = "which methods, of ${COMPLETION-CANDIDATES} (default all)")
    private List<Method> methods = List.of(Method.values());

    @Option(names = "--model", paramLabel = "FILE",
            description = "also score this trained model file (from `earshot train sentiment`) on every post")
    private Path model;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the split and samples (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--id-column", defaultValue = "tweet_id", paramLabel = "NAME",
            description = {"numeric id column of an airline-format file (default ${DEFAULT-VALUE}); when present, "
                    + "the summary also scores the development half (even id) and the held-out half (odd id)"})
    private String idColumn;

    @Option(names = "--show-misses", defaultValue = "0", paramLabel = "N",
            description = "print N posts of the development half (even id, never the held-out half) that Earshot "
                    + "out of the box labels wrongly")
    private int showMisses;

    @Mixin
    private TextLengthLimit textLengthLimit;

    /** One method's predictions, by row (null where it did not score), and its speed lines. */
    private record Result(String title, String scope, SentimentLabel[] predicted, List<String> notes) {
    }

    private PrintWriter out;
    private List<LabelledText> rows;
    private List<String> ids;
    private List<AnalyzedText> texts;
    private double analysisSecondsPerPost;

    @Override
    public Integer call() throws IOException {
        out = spec.commandLine().getOut();
        try {
            return evaluate();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("earshot: " + e.getMessage());
            return 2;
        }
    }

    private int evaluate() throws IOException {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
        }
        rows = SentimentData.read(data, format, textColumn, labelColumn);
        ids = format == SentimentData.Format.airline ? SentimentData.ids(data, idColumn, rows.size()) : List.of();
        if (showMisses > 0 && ids.isEmpty()) {
            throw new IllegalArgumentException("--show-misses needs a development half, i.e. an airline-format file "
                    + "with an id column (--id-column " + idColumn + ")");
        }
        List<Integer> accepted = textLengthLimit.acceptedRows(data, rows, out);
        if (accepted.size() < rows.size()) {
            keepRows(accepted);
        }
        if (limit != null && limit < rows.size()) {
            // Shuffling the positions shuffles rows and ids alike (the same permutation as shuffling the rows).
            keepRows(HoldOut.shuffled(IntStream.range(0, rows.size()).boxed().toList(), seed).subList(0, limit));
        }
        List<Integer> all = IntStream.range(0, rows.size()).boxed().toList();
        HoldOut.Split<Integer> split = HoldOut.split(all, 0.8, seed);
        List<Integer> coreNlpSample = HoldOut.shuffled(all, seed)
                .subList(0, Math.min(rows.size(), limit == null ? DEFAULT_CORENLP_POSTS : limit));
        Map<SentimentLabel, Integer> counts = classCounts(all);
        out.printf("%s: %,d labelled posts %s; split (seed %d): %,d train, %,d test%n", data, rows.size(),
                counts, seed, split.train().size(), split.test().size());
        printCaveats(counts, split);

        long start = System.nanoTime();
        CoreNlpTextAnalyzer analyzer = CoreNlpTextAnalyzer.shared();
        analyzer.analyze("warm up");
        long analysisStart = System.nanoTime();
        texts = rows.stream().map(row -> analyzer.analyze(row.text())).toList();
        analysisSecondsPerPost = (System.nanoTime() - analysisStart) / 1e9 / rows.size();
        out.printf("CoreNLP analysis (tokenize,ssplit,pos,lemma), which every Earshot method needs: %,.0f posts/s "
                + "per core%n%n", 1 / analysisSecondsPerPost);

        Map<String, Result> results = new LinkedHashMap<>();
        Map<String, List<Integer>> rowSets = new LinkedHashMap<>();
        rowSets.put("all posts", all);
        HoldOut.Split<Integer> halves = ids.isEmpty() ? null : HoldOut.byIdParity(all, ids::get);
        if (halves != null) {
            rowSets.put("dev (even id)", halves.train());
            rowSets.put("held-out (odd id)", halves.test());
        }
        for (Method method : methods) {
            Result result = switch (method) {
                case corenlp -> {
                    rowSets.put("CoreNLP sample", coreNlpSample);
                    yield coreNlp(coreNlpSample);
                }
                case vader -> lexicon(method.title, SocialSentimentScorer.plainVader(), all);
                case earshot -> {
                    Result earshot = lexicon(method.title, SocialSentimentScorer.create(), all);
                    if (halves != null) {
                        printMisses(earshot, halves.train());
                    }
                    yield earshot;
                }
                case adapted -> {
                    rowSets.put("20% test split", split.test());
                    yield adapted(split);
                }
                case tfidf -> {
                    rowSets.put("20% test split", split.test());
                    yield tfidf(split);
                }
            };
            results.put(method.name(), result);
            print(result);
        }
        if (model != null) {
            try (InputStream file = Files.newInputStream(model)) {
                Result result = lexicon("trained model " + model, TrainedSentimentScorer.load(file), all);
                results.put("model", result);
                print(result);
            }
        }
        printSummary(results, rowSets);
        out.printf("%nTotal %.0f s%n", (System.nanoTime() - start) / 1e9);
        out.flush();
        return 0;
    }

    /** Says when the figures below mean little: a class without posts, or too few posts to score or time. */
    private void printCaveats(Map<SentimentLabel, Integer> counts, HoldOut.Split<Integer> split) {
        List<String> absent = Arrays.stream(SentimentLabel.values()).filter(label -> !counts.containsKey(label))
                .map(Enum::name).toList();
        if (!absent.isEmpty()) {
            out.printf("note: no labelled posts of %s: macro-F1 averages all %d classes, each absent one counting 0, "
                    + "so it says little here; read the accuracy and the per-class lines%n", String.join(", ", absent),
                    CLASSES.size());
        }
        if (rows.size() < FEW_POSTS) {
            out.printf("note: %s: too few for figures that mean much (the test split has %,d); speeds timed on so few "
                    + "are noise. Use a few thousand%n", RunSummary.count(rows.size(), "labelled post"), split.test().size());
        }
    }

    /** Keeps the rows (and their ids) at these positions, in this order. */
    private void keepRows(List<Integer> kept) {
        List<LabelledText> allRows = rows;
        List<String> allIds = ids;
        rows = kept.stream().map(allRows::get).toList();
        ids = allIds.isEmpty() ? List.of() : kept.stream().map(allIds::get).toList();
    }

    private Result coreNlp(List<Integer> sample) {
        CoreNlpSentimentBaseline baseline = new CoreNlpSentimentBaseline();
        baseline.score("Warm up the parser.");
        SentimentLabel[] predicted = new SentimentLabel[rows.size()];
        long start = System.nanoTime();
        for (int row : sample) {
            predicted[row] = baseline.score(rows.get(row).text()).label();
        }
        double perSecond = sample.size() / ((System.nanoTime() - start) / 1e9);
        String scope = String.format(Locale.ROOT, "a seeded sample of %,d posts%s", sample.size(),
                limit == null ? " (the default for this slow method; set --limit to change it)" : "");
        return new Result(Method.corenlp.title, scope, predicted,
                List.of(String.format(Locale.ROOT, "speed: %,.1f posts/s per core, one pass, its own tokenisation and parsing",
                        perSecond)));
    }

    private Result lexicon(String title, SentimentScorer scorer, List<Integer> scored) {
        SentimentLabel[] predicted = new SentimentLabel[rows.size()];
        for (int row : scored) {
            predicted[row] = scorer.score(texts.get(row)).label();
        }
        List<String> notes = new ArrayList<>(speed(row -> scorer.score(texts.get(row)), scored));
        notes.add(tokenizerStageSpeed(scorer, scored));
        return new Result(title, String.format(Locale.ROOT, "all %,d posts", scored.size()), predicted, notes);
    }

    /**
     * The stage as it can run on its own: CoreNLP's tokenizer and sentence splitter on the raw text, then the
     * scorer, which reads words (no tags or lemmas; a trained model's features read the tagger's ADD for a link
     * without "http", so a few of its labels may differ). Counts the posts it labels otherwise than on the full
     * analysis, which tells whether this is the speed of the same method.
     */
    private String tokenizerStageSpeed(SentimentScorer scorer, List<Integer> scored) {
        CoreNlpTextAnalyzer tokenizer = CoreNlpTextAnalyzer.tokenizer();
        long differing = scored.stream().filter(row -> scorer.score(tokenizer.analyze(rows.get(row).text())).label()
                != scorer.score(texts.get(row)).label()).count();
        double perSecond = medianPostsPerSecond(row -> scorer.score(tokenizer.analyze(rows.get(row).text())), scored);
        return String.format(Locale.ROOT, "speed: %,.0f posts/s per core from raw text, CoreNLP tokenizer + scoring "
                + "(median of %d passes; labels differing from the full analysis: %,d)", perSecond, TIMED_PASSES,
                differing);
    }

    private Result adapted(HoldOut.Split<Integer> split) {
        long start = System.nanoTime();
        TrainedSentimentScorer scorer = TrainedSentimentScorer.train(
                split.train().stream().map(texts::get).toList(),
                split.train().stream().map(row -> rows.get(row).label()).toList(),
                TrainedSentimentScorer.Training.defaults().withSeed(seed));
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        SentimentLabel[] predicted = new SentimentLabel[rows.size()];
        for (int row : split.test()) {
            predicted[row] = scorer.score(texts.get(row)).label();
        }
        List<String> notes = new ArrayList<>(speed(row -> scorer.score(texts.get(row)), split.test()));
        notes.add(tokenizerStageSpeed(scorer, split.test()));
        notes.add(String.format(Locale.ROOT, "training: %,d posts in %.1f s (analysis not included), model %s",
                split.train().size(), trainSeconds, scorer.model()));
        return new Result(Method.adapted.title, testScope(split), predicted, notes);
    }

    private Result tfidf(HoldOut.Split<Integer> split) {
        long start = System.nanoTime();
        TfIdfBaseline baseline = TfIdfBaseline.train(split.train().stream().map(row -> rows.get(row).text()).toList(),
                split.train().stream().map(row -> rows.get(row).label()).toList(), seed);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        SentimentLabel[] predicted = new SentimentLabel[rows.size()];
        for (int row : split.test()) {
            predicted[row] = baseline.classify(rows.get(row).text());
        }
        double perSecond = medianPostsPerSecond(row -> baseline.classify(rows.get(row).text()), split.test());
        return new Result(Method.tfidf.title, testScope(split), predicted, List.of(
                String.format(Locale.ROOT, "speed: %,.0f posts/s per core on the raw text (its own tokeniser), median of %d "
                        + "passes", perSecond, TIMED_PASSES),
                String.format(Locale.ROOT, "training: %,d posts in %.1f s", split.train().size(), trainSeconds)));
    }

    private String testScope(HoldOut.Split<Integer> split) {
        return String.format(Locale.ROOT, "the 20%% test split, %,d posts (trained on the other %,d)",
                split.test().size(), split.train().size());
    }

    /** Scoring speed on pre-analysed text, and of the whole stage with CoreNLP's analysis added. */
    private List<String> speed(IntFunction<?> score, List<Integer> scored) {
        double perSecond = medianPostsPerSecond(score, scored);
        double stage = 1 / (1 / perSecond + analysisSecondsPerPost);
        return List.of(
                String.format(Locale.ROOT, "speed: %,.0f posts/s per core scoring pre-tokenised text (median of %d passes)",
                        perSecond, TIMED_PASSES),
                String.format(Locale.ROOT, "speed: %,.0f posts/s per core for the whole stage (CoreNLP analysis + scoring)",
                        stage));
    }

    private double medianPostsPerSecond(IntFunction<?> score, List<Integer> scored) {
        return MedianSpeed.postsPerSecond(score, scored, TIMED_PASSES);
    }

    private void printMisses(Result result, List<Integer> development) {
        List<Integer> misses = development.stream()
                .filter(row -> result.predicted()[row] != rows.get(row).label()).limit(showMisses).toList();
        if (misses.isEmpty()) {
            return;
        }
        SocialSentimentScorer scorer = SocialSentimentScorer.create();
        out.printf("Misses of Earshot out of the box on the development half (even id), first %,d:%n", misses.size());
        for (int row : misses) {
            out.printf(Locale.ROOT, "  gold %-8s got %-8s %+.2f  %s%n", rows.get(row).label(), result.predicted()[row],
                    scorer.score(texts.get(row)).score(), rows.get(row).text().replaceAll("\\s+", " "));
        }
        out.println();
    }

    private void print(Result result) {
        ConfusionMatrix matrix = matrix(result, IntStream.range(0, rows.size()).boxed().toList());
        out.printf("%s%n  on %s%n", result.title(), result.scope());
        out.printf(Locale.ROOT, "  accuracy %.3f   macro-F1 %.3f%n", matrix.accuracy(), matrix.macroF1());
        out.printf("  %-10s %9s %7s %6s %7s%n", "class", "precision", "recall", "F1", "posts");
        for (String label : CLASSES) {
            long gold = CLASSES.stream().mapToLong(predicted -> matrix.count(label, predicted)).sum();
            out.printf(Locale.ROOT, "  %-10s %9.3f %7.3f %6.3f %,7d%n", label, matrix.precision(label),
                    matrix.recall(label), matrix.f1(label), gold);
        }
        matrix.table().lines().forEach(line -> out.println("  " + line));
        result.notes().forEach(note -> out.println("  " + note));
        out.println();
        out.flush();
    }

    private void printSummary(Map<String, Result> results, Map<String, List<Integer>> rowSets) {
        out.println("Summary: macro-F1 by the posts scored (the same posts within a column)");
        StringBuilder header = new StringBuilder(String.format("  %-10s", "method"));
        rowSets.forEach((name, set) -> header.append(String.format(Locale.ROOT, " %22s",
                String.format(Locale.ROOT, "%s (%,d)", name, set.size()))));
        out.println(header);
        results.forEach((name, result) -> {
            StringBuilder line = new StringBuilder(String.format("  %-10s", name));
            rowSets.values().forEach(set -> line.append(set.stream().allMatch(row -> result.predicted()[row] != null)
                    ? String.format(Locale.ROOT, " %22.3f", matrix(result, set).macroF1())
                    : String.format(" %22s", "-")));
            out.println(line);
        });
    }

    private ConfusionMatrix matrix(Result result, List<Integer> set) {
        ConfusionMatrix matrix = new ConfusionMatrix(CLASSES);
        for (int row : set) {
            if (result.predicted()[row] != null) {
                matrix.add(rows.get(row).label().name(), result.predicted()[row].name());
            }
        }
        return matrix;
    }

    private Map<SentimentLabel, Integer> classCounts(List<Integer> set) {
        Map<SentimentLabel, Integer> counts = new EnumMap<>(SentimentLabel.class);
        set.forEach(row -> counts.merge(rows.get(row).label(), 1, Integer::sum));
        return counts;
    }
}
