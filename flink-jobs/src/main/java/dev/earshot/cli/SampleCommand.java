package dev.earshot.cli;

import dev.earshot.sample.SampleStream;
import dev.earshot.sample.SampleStreamGenerator;
import dev.earshot.sample.SampleStreamParams;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true, subcommands = SampleCommand.Generate.class,
        description = "The bundled sample stream and its seeded generator.")
final class SampleCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Write a sample stream as JSON lines (gzip-compressed when FILE ends in .gz).",
                    "The defaults reproduce the bundled stream byte for byte."})
    static final class Generate implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the stream")
        private Path out;

        @Option(names = "--seed", paramLabel = "N", description = "random seed (default: the bundled stream's)")
        private Long seed;

        @Option(names = "--posts", paramLabel = "N", description = "baseline posts, before incidents (default 23,800)")
        private Integer posts;

        @Override
        public Integer call() throws IOException {
            OutputFile.writable("--out", out);
            SampleStreamParams defaults = SampleStreamParams.defaults();
            SampleStreamParams params;
            try {
                params = new SampleStreamParams(seed == null ? defaults.seed() : seed,
                        posts == null ? defaults.baselinePosts() : posts, defaults.malformedRecords(), defaults.duplicateLines());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("baselinePosts", "--posts"), e);
            }
            SampleStream stream = SampleStreamGenerator.generate(params);
            try (OutputStream file = Files.newOutputStream(out);
                 Writer writer = new OutputStreamWriter(
                         out.toString().endsWith(".gz") ? new GZIPOutputStream(file) : file, StandardCharsets.UTF_8)) {
                for (String line : stream.lines()) {
                    writer.write(line);
                    writer.write('\n');
                }
            }
            System.out.printf("%s: %,d lines (%,d valid posts, %,d duplicates, %,d malformed), seed %d%n", out,
                    stream.lines().size(), stream.scenario().validPosts(), stream.scenario().duplicateLines(),
                    stream.scenario().malformedRecords(), stream.scenario().seed());
            return 0;
        }
    }
}
