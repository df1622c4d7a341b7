package dev.earshot.startup;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import dev.earshot.flink.EarshotJob;
import dev.earshot.flink.EarshotSinks;
import dev.earshot.flink.EnrichResources;
import dev.earshot.flink.RecordSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The client's start-up in {@code earshot run}, once per JVM as a user meets it: load the configuration, run the
 * start-up checks, build the job graph. Prints the milliseconds of each part; bench/startup/run.sh takes medians.
 * Usage: StartupBench earshot.yaml
 */
public final class StartupBench {

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        EarshotConfig config = ConfigLoader.load(Path.of(args[0]));
        long loaded = System.nanoTime();
        EnrichResources enrichResources = StartupChecks.check(config, Secrets.environment());
        long checked = System.nanoTime();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Path input = Path.of(config.input().path());
        Path output = Files.createTempDirectory("earshot-startup-bench-");
        new EarshotJob(config, enrichResources, RecordSource.file(input, "bench"), List.of(EarshotSinks.jsonLines(output)),
                Secrets.environment()).build(env);
        env.getStreamGraph();
        long built = System.nanoTime();
        System.out.printf("config %d ms, start-up checks %d ms, job graph %d ms, total %d ms%n",
                millis(loaded - start), millis(checked - loaded), millis(built - checked), millis(built - start));
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
