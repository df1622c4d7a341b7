package dev.earshot.cli;

import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TaxonomyException;
import dev.earshot.enrich.topics.TopicMatch;
import dev.earshot.enrich.topics.TopicMatcher;
import dev.earshot.eval.BestTopic;
import dev.earshot.eval.ConfusionMatrix;
import dev.earshot.eval.HoldOut;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Scores topic matching against the complaint reasons people gave the negative airline tweets: each post's best
 * topic ({@link BestTopic}: most specific, then most mentioned, then first in taxonomy order), mapped to a reason by
 * {@link #REASONS}.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Measure topic matching on the negative tweets of the Twitter US Airline Sentiment set, against "
                + "their negativereason labels (\"Can't Tell\" left out).",
                "A post's best topic is its most specific matched topic, then the most mentioned, then the first in "
                        + "taxonomy order. Tweets "
                        + "with an even tweet_id are the development half (the taxonomy may be tuned on them); the "
                        + "odd half is held out and is the one that counts."})
final class EvalTopicsCommand implements Callable<Integer> {

    /** Which reason each airline-care topic stands for. */
    static final Map<String, String> REASONS = reasons();
    static final String NO_TOPIC = "(no topic)";
    static final String OTHER_TOPIC = "(unmapped topic)";
    private static final String CANT_TELL = "Can't Tell";

    private static Map<String, String> reasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("customer_service", "Customer Service Issue");
        reasons.put("late_flight", "Late Flight");
        reasons.put("cancelled_flight", "Cancelled Flight");
        reasons.put("lost_luggage", "Lost Luggage");
        reasons.put("damaged_luggage", "Damaged Luggage");
        // A bag complaint that is neither lost nor damaged: lost is the reason of 724 of the 798 luggage tweets.
        reasons.put("luggage", "Lost Luggage");
        reasons.put("bad_flight", "Bad Flight");
        reasons.put("booking_problems", "Flight Booking Problems");
        reasons.put("flight_attendants", "Flight Attendant Complaints");
        reasons.put("long_lines", "longlines");
        return Map.copyOf(reasons);
    }

    /** The reasons in the order they are printed. */
    static final List<String> REASON_ORDER = List.of("Customer Service Issue", "Late Flight", "Cancelled Flight",
            "Lost Luggage", "Damaged Luggage", "Bad Flight", "Flight Booking Problems", "Flight Attendant Complaints",
            "longlines");

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the airline tweets (Tweets.csv)")
    private Path data;

    @Option(names = "--taxonomy", defaultValue = "airline-care", paramLabel = "NAME|FILE",
            description = "a bundled taxonomy or a YAML file (default ${DEFAULT-VALUE}); its ids are mapped to reasons "
                    + "as airline-care's are")
    private String taxonomyName;

    @Option(names = "--bar", defaultValue = "0.60", description = "held-out macro-F1 to reach (default ${DEFAULT-VALUE})")
    private double bar;

    @Option(names = "--show-misses", defaultValue = "0", paramLabel = "N",
            description = "print the development half's most frequent confusions and N wrongly topiced posts of it "
                    + "(never of the held-out half)")
    private int showMisses;

    /** Which halves to score: while writing a taxonomy, only the development half should be looked at. */
    enum Half { development, both }

    @Option(names = "--half", defaultValue = "both", paramLabel = "HALF",
            description = "development: score only the development half, so a taxonomy can be worked on without "
                    + "seeing the held-out figure; both (default ${DEFAULT-VALUE}): both halves and the bar")
    private Half half;

    /** One negative tweet with a reason, and what Earshot made of it. */
    private record Scored(String id, String text, String reason, List<String> matched, String predicted) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Taxonomy taxonomy = loadTaxonomy(taxonomyName);
            List<Map<String, String>> labelled = negativeWithReason(read());
            TopicMatcher matcher = TopicMatcher.compile(taxonomy);
            CoreNlpTextAnalyzer analyzer = CoreNlpTextAnalyzer.shared();
            List<Scored> scored = new ArrayList<>(labelled.size());
            for (Map<String, String> row : labelled) {
                List<TopicMatch> matches = matcher.matches(analyzer.analyze(row.get("text")));
                List<String> matched = matches.stream().map(TopicMatch::topic).toList();
                String predicted = BestTopic.of(matches, taxonomy)
                        .map(topic -> REASONS.getOrDefault(topic, OTHER_TOPIC)).orElse(NO_TOPIC);
                scored.add(new Scored(row.get("tweet_id"), row.get("text"), row.get("negativereason").trim(), matched,
                        predicted));
            }
            HoldOut.Split<Scored> split = HoldOut.byIdParity(scored, Scored::id);
            out.printf("%s: %,d negative tweets with a reason (\"%s\" left out); taxonomy %s%n", data, scored.size(),
                    CANT_TELL, taxonomyName);
            out.println("Best topic: the most specific matched topic, then the most mentioned, then the first in taxonomy"
                    + " order. Topics to reasons:");
            taxonomy.ids().forEach(id -> out.printf("  %-20s -> %s%n", id, REASONS.getOrDefault(id, OTHER_TOPIC)));
            double developmentF1 = print(out, "development half (even tweet_id; the taxonomy was tuned on it)",
                    split.train());
            if (half == Half.both) {
                double heldOutF1 = print(out, "held-out half (odd tweet_id)", split.test());
                out.printf(Locale.ROOT, "%nHeld-out macro-F1 %.3f (development %.3f): %s the bar of %.2f%n",
                        heldOutF1, developmentF1, heldOutF1 >= bar ? "meets" : "MISSES", bar);
            } else {
                out.printf(Locale.ROOT, "%nDevelopment macro-F1 %.3f (held-out half not scored)%n", developmentF1);
            }
            printMisses(out, split.train());
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("earshot: " + e.getMessage());
            return 2;
        }
    }

    private List<Map<String, String>> read() throws IOException {
        return DataFile.readColumns(data, List.of("tweet_id", "airline_sentiment", "negativereason", "text"));
    }

    private List<Map<String, String>> negativeWithReason(List<Map<String, String>> rows) {
        List<Map<String, String>> kept = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String reason = row.get("negativereason").trim();
            if (!row.get("airline_sentiment").trim().equalsIgnoreCase("negative") || reason.isEmpty()
                    || reason.equals(CANT_TELL)) {
                continue;
            }
            if (!REASON_ORDER.contains(reason)) {
                throw new IllegalArgumentException("--data " + data + ": tweet " + row.get("tweet_id")
                        + " has the unknown negativereason '" + reason + "'; known: " + REASON_ORDER);
            }
            kept.add(row);
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("--data " + data + ": no negative tweets with a negativereason in it");
        }
        return kept;
    }

    /** A bundled taxonomy by name, or a YAML file by path; a bad one is an error naming the option. */
    static Taxonomy loadTaxonomy(String taxonomyName) throws IOException {
        if (Taxonomy.BUNDLED.contains(taxonomyName)) {
            return Taxonomy.bundled(taxonomyName);
        }
        Path file = Path.of(taxonomyName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--taxonomy '" + taxonomyName + "' is neither a bundled taxonomy "
                    + Taxonomy.BUNDLED + " nor a file");
        }
        try {
            return Taxonomy.parse(Files.readString(file));
        } catch (TaxonomyException e) {
            throw new IllegalArgumentException("--taxonomy " + file + ": " + e.getMessage(), e);
        }
    }

    /** Prints one half's scores and returns its macro-F1 over the reasons. */
    private static double print(PrintWriter out, String title, List<Scored> half) {
        List<String> classes = new ArrayList<>(REASON_ORDER);
        classes.add(NO_TOPIC);
        classes.add(OTHER_TOPIC);
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        half.forEach(post -> matrix.add(post.reason(), post.predicted()));
        long covered = half.stream().filter(post -> !post.matched().isEmpty()).count();
        // Averaged over the reasons the half has or predicts: on a small file a reason nobody gave would count 0.
        double macroF1 = matrix.macroF1(REASON_ORDER.stream().filter(reason -> classes.stream().anyMatch(
                other -> matrix.count(reason, other) + matrix.count(other, reason) > 0)).toList());
        out.printf(Locale.ROOT, "%n%s: %,d posts%n  macro-F1 %.3f   accuracy %.3f   coverage %.3f (%,d with any topic)%n",
                title, half.size(), macroF1, matrix.accuracy(), half.isEmpty() ? 0 : (double) covered / half.size(),
                covered);
        out.printf("  %-28s %9s %7s %6s %7s%n", "reason", "precision", "recall", "F1", "posts");
        for (String reason : REASON_ORDER) {
            long gold = classes.stream().mapToLong(predicted -> matrix.count(reason, predicted)).sum();
            out.printf(Locale.ROOT, "  %-28s %9.3f %7.3f %6.3f %,7d%n", reason, matrix.precision(reason),
                    matrix.recall(reason), matrix.f1(reason), gold);
        }
        return macroF1;
    }

    private void printMisses(PrintWriter out, List<Scored> development) {
        if (showMisses <= 0) {
            return;
        }
        Map<String, Long> confusions = development.stream().filter(post -> !post.predicted().equals(post.reason()))
                .collect(Collectors.groupingBy(post -> post.reason() + " -> " + post.predicted(), Collectors.counting()));
        out.printf("%nMost frequent confusions of the development half (gold -> predicted: posts)%n");
        confusions.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(15).forEach(confusion -> out.printf("  %s: %d%n", confusion.getKey(), confusion.getValue()));
        List<Scored> misses = development.stream().filter(post -> !post.predicted().equals(post.reason()))
                .limit(showMisses).toList();
        if (!misses.isEmpty()) {
            out.printf("%nFirst %d misses of the development half (gold -> predicted [matched topics]: text)%n",
                    misses.size());
            misses.forEach(post -> out.printf("  %s -> %s %s: %s%n", post.reason(), post.predicted(), post.matched(),
                    post.text().replace('\n', ' ')));
        }
    }
}
