package dev.earshot.cli;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import dev.earshot.flink.EnrichResources;
import dev.earshot.startup.ServiceChecks;
import dev.earshot.startup.StartupChecks;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run Earshot: on a local Flink MiniCluster from a plain JVM, on the cluster under flink run.",
                "Without options: the bundled sample stream, outputs under ./output."})
final class RunCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "an earshot.yaml (every key optional)")
    private Path config;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE|DIR",
            description = {"posts instead of the bundled sample (input.path): JSON lines (one post per line, in any "
                    + "format parse.format reads), or CSV with parse.csv; compressed .gz (found by content), .bz2, .xz, "
                    + ".deflate. A folder: every file in it and its subfolders, hidden ones (.name, _name) skipped.",
                    "Lines that cannot be read (not UTF-8, a truncated gzip) become dead letters at stage read."})
    private String input;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "where to write the outputs (output.dir)")
    private String output;

    @Option(names = {"-p", "--parallelism"}, paramLabel = "N", description = "operator parallelism (parallelism)")
    private Integer parallelism;

    @Option(names = {"-s", "--speedup"}, paramLabel = "X",
            description = "replay the input file in event time, X times faster (60: an hour a minute) (input.speedup)")
    private Double speedup;

    @Option(names = "--no-service-checks",
            description = {"submit without first contacting Kafka, Elasticsearch and the helpdesk "
                    + "(each within 10s), e.g. under flink run where only the cluster, not this machine, can reach them"})
    private boolean noServiceChecks;

    @Option(names = "--fresh",
            description = {"with Kafka or a live input: start without the state an earlier run saved in checkpoint.dir "
                    + "(open incidents, tickets, windows, baselines). Without it, a run resumes from that state, Kafka "
                    + "at the offsets it holds. Fresh, Kafka is read from the offsets the consumer group committed "
                    + "(the earliest if none), so posts are not read twice but detection and tickets start empty. The "
                    + "saved state is replaced when this run stops."})
    private boolean fresh;

    @Option(names = "--verbose",
            description = "with the stack trace of each failure Flink restarts the job after (recovery.attempts)")
    private boolean verbose;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (parallelism != null && (parallelism < 1 || parallelism > 512)) {
            throw new ParameterException(spec.commandLine(), "--parallelism must be between 1 and 512, was " + parallelism);
        }
        if (speedup != null && !(speedup > 0 && speedup < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--speedup must be a positive number such as 60 (an hour "
                    + "a minute), was " + speedup + "; leave it out to read as fast as possible");
        }
        EarshotConfig loaded = config == null ? EarshotConfig.defaults() : ConfigLoader.load(config);
        EarshotConfig effective = loaded.withOverrides(input, output, parallelism).withSpeedup(speedup);
        EnrichResources enrichResources = StartupChecks.check(effective, Secrets.environment(), config);
        EarlierRun.refuseToReplaceInput(effective);
        StartupChecks.createOutputDir(Path.of(effective.output().dir()));
        if (!noServiceChecks) {
            ServiceChecks.check(effective, ServiceChecks.TIMEOUT).forEach(note -> System.out.println("earshot: " + note));
        }
        StartupChecks.inputOverrideNote(loaded, input).ifPresent(note -> System.out.println("earshot: " + note));
        StartupChecks.taxonomyNote(effective).ifPresent(note -> System.out.println("earshot: " + note));
        return new LocalRun(effective, enrichResources, Path.of(effective.output().dir()), System.out,
                spec.commandLine().getErr(), fresh, verbose).execute();
    }
}
