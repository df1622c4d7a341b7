package dev.earshot.cli;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.eval.alerts.AlertScore;
import dev.earshot.flink.EarshotJob;
import dev.earshot.flink.EarshotSinks;
import dev.earshot.flink.RecordSource;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.LocationLevel;
import dev.earshot.model.StatsView;
import dev.earshot.model.TopicLocationStats;
import dev.earshot.sample.SampleStream;
import dev.earshot.sample.SampleStreamGenerator;
import dev.earshot.sample.SampleStreamParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Run the job on generated sample streams and score its alerts against the incidents planted in "
                + "them: the delay of each incident's first alert of each kind, in window slides from its start, and "
                + "false alerts (OPEN alerts outside every incident's topic, city and span) per simulated week.",
                "Streams: the bundled one (4 days, its two incidents), a quiet week (7 days of the same world, "
                        + "no incidents) and a quiet month (4 weeks, no incidents, weekends unlike weekdays: later "
                        + "mornings, more leisure and less commute posts)."})
final class EvalAlertsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "an earshot.yaml whose detect.* to score")
    private Path config;

    @Option(names = "--stream", defaultValue = "both", paramLabel = "WHICH",
            description = "bundled, quiet-week, both (those two), quiet-month or all (default ${DEFAULT-VALUE})")
    private String stream;

    @Option(names = {"-p", "--parallelism"}, defaultValue = "2", paramLabel = "N",
            description = "operator parallelism (default ${DEFAULT-VALUE})")
    private int parallelism;

    @Override
    public Integer call() throws Exception {
        if (!List.of("bundled", "quiet-week", "both", "quiet-month", "all").contains(stream)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--stream must be bundled, quiet-week, both, quiet-month or all, was " + stream);
        }
        EarshotConfig loaded = config == null ? EarshotConfig.defaults() : ConfigLoader.load(config);
        PrintWriter out = spec.commandLine().getOut();
        if (List.of("bundled", "both", "all").contains(stream)) {
            score("bundled stream (4 days, seed " + SampleStreamParams.BUNDLED_SEED + ")", SampleStreamParams.defaults(),
                    loaded, out);
        }
        if (List.of("quiet-week", "both", "all").contains(stream)) {
            score("quiet week (7 days, seed " + SampleStreamParams.BUNDLED_SEED + ", no incidents)",
                    SampleStreamParams.quietWeek(), loaded, out);
        }
        if (List.of("quiet-month", "all").contains(stream)) {
            score("quiet month (4 weeks from a Monday, seed " + SampleStreamParams.BUNDLED_SEED
                    + ", no incidents, weekly pattern)", SampleStreamParams.quietMonth(), loaded, out);
        }
        return 0;
    }

    private void score(String name, SampleStreamParams params, EarshotConfig config, PrintWriter out) throws Exception {
        SampleStream sample = SampleStreamGenerator.generate(params);
        Path work = Files.createTempDirectory("earshot-eval-alerts-");
        Path input = work.resolve("posts.jsonl");
        Files.write(input, sample.lines());
        Path output = work.resolve("output");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        new EarshotJob(config, RecordSource.file(input, name), EarshotSinks.jsonLines(output)).build(env);
        long started = System.nanoTime();
        env.execute("earshot eval alerts");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        List<Alert> alerts = read(output, EarshotSinks.ALERTS, Alert.class);
        // The detectors judge the cities' sliding windows; roll-ups and the daily view are for dashboards.
        long cells = read(output, EarshotSinks.STATS, TopicLocationStats.class).stream()
                .filter(s -> s.level() == LocationLevel.CITY && s.view() == StatsView.SLIDING)
                .map(s -> s.topic() + "|" + s.locationId()).distinct().count();
        Duration slide = config.aggregate().windowSlide();
        AlertScore score = AlertScore.of(sample.scenario().incidents(), alerts, slide, params.period());

        out.printf("%n%s: %d topic x city cells, %d alert versions, job %.0f s%n", name, cells, alerts.size(),
                took.toMillis() / 1000.0);
        if (!score.delays().isEmpty()) {
            out.printf("  %-28s %-15s %-22s %s%n", "incident", "kind", "first OPEN (window end)", "delay (slides)");
            for (AlertScore.Delay delay : score.delays()) {
                out.printf("  %-28s %-15s %-22s %s%n", delay.incident().name(), delay.kind(),
                        delay.firstOpen() == null ? "-" : delay.firstOpen().openedAt(),
                        delay.slides() == null ? "missed" : String.format("%.1f", delay.slides()));
            }
        }
        out.printf("  false alerts: %d (%.2f per simulated week over all %d cells; worst cell %.2f per week)%n",
                score.falseAlerts().size(), score.falseAlertsPerWeek(), cells, score.worstCellFalseAlertsPerWeek());
        if (score.weeks() > 1) {
            int[] byWeek = new int[(int) Math.ceil(score.weeks())];
            Map<String, int[]> byCellAndWeek = new TreeMap<>();
            for (Alert alert : score.falseAlerts()) {
                int week = Math.min(byWeek.length - 1,
                        (int) Duration.between(sample.scenario().start(), alert.openedAt()).toDays() / 7);
                byWeek[week]++;
                byCellAndWeek.computeIfAbsent(alert.topic() + " x " + alert.locationName(),
                        cell -> new int[byWeek.length])[week]++;
            }
            out.printf("  false alerts by week: %s; worst cell in any one week: %d%n", Arrays.toString(byWeek),
                    byCellAndWeek.values().stream().flatMapToInt(Arrays::stream).max().orElse(0));
        }
        for (Alert alert : score.falseAlerts()) {
            out.printf("    %s %s x %s opened %s %s UTC (ratio %.2f, z %.2f)%n", alert.kind(), alert.topic(),
                    alert.locationName(), alert.openedAt().atZone(ZoneOffset.UTC).getDayOfWeek().toString().substring(0, 3),
                    alert.openedAt(), alert.ratio(), alert.statistic());
        }
        out.flush();
        FileUtils.deleteDirectory(work.toFile());
    }

    private static <T> List<T> read(Path dir, String name, Class<T> type) throws IOException {
        Path file = JsonLinesFileSink.fileOf(dir, name);
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(line -> Json.read(line, type)).toList();
        }
    }
}
