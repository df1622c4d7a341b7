package dev.earshot.cli;

import dev.earshot.detect.CountSurgeDetector;
import dev.earshot.detect.CountSurgeParams;
import dev.earshot.detect.CountSurgeState;
import dev.earshot.eval.nab.NabFileScore;
import dev.earshot.eval.nab.NabProfile;
import dev.earshot.eval.nab.NabPublishedResult;
import dev.earshot.eval.nab.NabScorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Score Earshot's volume-surge detector (CountSurgeDetector, default settings) on labelled "
                + "count series with the Numenta Anomaly Benchmark's rules, next to NAB's published detectors.",
                "FOLDER is laid out like NAB: data/<corpus>/*.csv (timestamp,value), "
                        + "labels/combined_windows*.json, and optionally nab_published_results*.csv (NAB's "
                        + "per-file results: detector,profile,file,threshold,raw_score,...) for the comparison."})
final class EvalDetectCommand implements Callable<Integer> {

    private static final String EARSHOT = "Earshot count-surge (this run)";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--nab", required = true, paramLabel = "FOLDER", description = "a NAB-style folder of labelled series")
    private Path folder;

    @Option(names = "--passes", defaultValue = "5", paramLabel = "N",
            description = "detector passes over all series for the throughput median (default ${DEFAULT-VALUE})")
    private int passes;

    @Override
    public Integer call() throws IOException {
        if (passes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--passes must be >= 1, was " + passes);
        }
        try {
            evaluate(NabFolder.read(folder));
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("earshot: " + e.getMessage());
            return 2;
        }
    }

    private void evaluate(NabFolder nab) {
        List<boolean[]> alarms = null;
        long[] nanos = new long[passes];
        for (int pass = 0; pass < passes; pass++) {
            long start = System.nanoTime();
            alarms = nab.series().stream().map(EvalDetectCommand::detect).toList();
            nanos[pass] = System.nanoTime() - start;
        }
        Map<NabProfile, List<NabFileScore>> scores = new LinkedHashMap<>();
        for (NabProfile profile : NabProfile.all()) {
            List<NabFileScore> files = new ArrayList<>();
            for (int i = 0; i < alarms.size(); i++) {
                files.add(NabScorer.score(alarms.get(i), nab.series().get(i).windows(), profile));
            }
            scores.put(profile, files);
        }
        PrintWriter out = spec.commandLine().getOut();
        printScores(out, nab, scores);
        printComparison(out, nab, scores);
        Arrays.sort(nanos);
        long points = nab.series().stream().mapToLong(s -> s.series().rows()).sum();
        double medianSeconds = nanos[passes / 2] / 1e9;
        out.printf("%nthroughput: %,d points per pass, median of %d passes %.0f ms = %,.0f points/s (one thread)%n",
                points, passes, medianSeconds * 1e3, points / medianSeconds);
        out.flush();
    }

    /** Runs the detector over one series, each point once and in order, as the job would. */
    private static boolean[] detect(NabFolder.Labelled labelled) {
        CountSurgeDetector detector = new CountSurgeDetector(CountSurgeParams.defaults());
        CountSurgeState state = CountSurgeState.empty();
        double[] values = labelled.series().values();
        boolean[] alarms = new boolean[values.length];
        for (int row = 0; row < values.length; row++) {
            double value = values[row];
            if (value < 0 || value != Math.rint(value)) {
                throw new IllegalArgumentException(labelled.series().name() + " row " + (row + 1) + ": value " + value
                        + " is not a count; the volume detector scores count series (posts per bucket)");
            }
            CountSurgeDetector.Step step = detector.step(state,
                    labelled.series().timestamps().get(row).toInstant(ZoneOffset.UTC), (long) value);
            alarms[row] = step.alarm();
            state = step.state();
        }
        return alarms;
    }

    private static void printScores(PrintWriter out, NabFolder nab, Map<NabProfile, List<NabFileScore>> scores) {
        List<NabFileScore> standard = scores.get(NabProfile.STANDARD);
        int width = Math.max(10, nab.series().stream().mapToInt(s -> s.series().name().length()).max().orElse(0));
        out.printf("NAB scores of %s on %s%n", EARSHOT.replace(" (this run)", ""), nab.root());
        out.printf("(each profile: raw score, normalised 0 = null detector .. 100 = perfect; TP/FN count windows, FP "
                + "alarms outside them; probation %d%% of rows, at most 750)%n%n", 15);
        out.printf("%-" + width + "s %7s %4s %4s %4s %6s %6s   %-16s %-16s %-16s%n", "series", "windows", "TP", "FP",
                "FN", "prec", "recall", "standard", "reward_low_FP", "reward_low_FN");
        for (int i = 0; i <= nab.series().size(); i++) {
            boolean total = i == nab.series().size();
            String name = total ? "total" : nab.series().get(i).series().name();
            NabFileScore counts = total ? NabFileScore.total(standard) : standard.get(i);
            StringBuilder profiles = new StringBuilder();
            for (List<NabFileScore> files : scores.values()) {
                NabFileScore score = total ? NabFileScore.total(files) : files.get(i);
                profiles.append(String.format("   %-16s", String.format("%7.3f (%5.1f)", score.rawScore(),
                        score.normalisedScore())));
            }
            out.printf("%-" + width + "s %7d %4d %4d %4d %6s %6s%s%n", name,
                    counts.truePositives() + counts.falseNegatives(), counts.truePositives(), counts.falsePositives(),
                    counts.falseNegatives(), ratio(counts.precision()), ratio(counts.recall()), profiles);
        }
    }

    /**
     * NAB's published detectors on the same files, normalised as NAB does (sums over the files), with this run
     * ranked among them. A detector is listed only if the results cover every series here.
     */
    private static void printComparison(PrintWriter out, NabFolder nab, Map<NabProfile, List<NabFileScore>> scores) {
        if (nab.published().isEmpty()) {
            out.printf("%n(no nab_published_results*.csv in the folder: no comparison with NAB's detectors)%n");
            return;
        }
        List<String> names = nab.series().stream().map(s -> s.series().name()).toList();
        Map<String, double[]> rows = new LinkedHashMap<>();
        rows.put(EARSHOT, scores.values().stream().mapToDouble(f -> NabFileScore.total(f).normalisedScore()).toArray());
        Map<String, List<NabPublishedResult>> byDetector = nab.published().stream()
                .collect(Collectors.groupingBy(NabPublishedResult::detector, LinkedHashMap::new, Collectors.toList()));
        byDetector.forEach((detector, results) -> {
            double[] normalised = new double[scores.size()];
            int p = 0;
            for (Map.Entry<NabProfile, List<NabFileScore>> profile : scores.entrySet()) {
                Map<String, Double> raw = results.stream()
                        .filter(r -> r.profile().equals(profile.getKey().name()) && names.contains(r.file()))
                        .collect(Collectors.toMap(NabPublishedResult::file, NabPublishedResult::rawScore, (a, b) -> a));
                if (!raw.keySet().equals(Set.copyOf(names))) {
                    return;
                }
                NabFileScore total = NabFileScore.total(profile.getValue());
                double rawSum = raw.values().stream().mapToDouble(Double::doubleValue).sum();
                normalised[p++] = 100 * (rawSum - total.nullScore()) / (total.perfectScore() - total.nullScore());
            }
            rows.put(detector, normalised);
        });
        out.printf("%nPublished results (nab_published_results*.csv) on the same %d series, normalised over them%n",
                names.size());
        out.printf("%-32s %9s %14s %14s%n", "detector", "standard", "reward_low_FP", "reward_low_FN");
        rows.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[0]).reversed())
                .forEach(e -> out.printf("%-32s %9.1f %14.1f %14.1f%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                        e.getValue()[2]));
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.2f", value);
    }
}
