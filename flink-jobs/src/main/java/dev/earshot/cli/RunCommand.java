package dev.earshot.cli;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Override
    public Integer call() throws Exception {
        EarshotConfig loaded = config == null ? EarshotConfig.defaults() : ConfigLoader.load(config);
        EarshotConfig effective = loaded.withOverrides(input, output, parallelism).withSpeedup(speedup);
        return new LocalRun(effective, Path.of(effective.output().dir()), System.out).execute();
    }
}
