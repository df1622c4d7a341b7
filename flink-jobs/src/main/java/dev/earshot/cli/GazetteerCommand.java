package dev.earshot.cli;

import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.GazetteerBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gazetteer", mixinStandardHelpOptions = true, subcommands = GazetteerCommand.Build.class,
        description = "The location gazetteer derived from GeoNames (CC BY 4.0).")
final class GazetteerCommand {

    /** A gazetteer file written by {@code gazetteer build}. */
    static Gazetteer read(Path file) throws IOException {
        DataFile.requireFile("--gazetteer", file);
        try (Stream<String> lines = Build.lines(file)) {
            return Gazetteer.fromLines(lines);
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Derive the bundled gazetteer from a GeoNames download.",
                    "FOLDER holds cities1000.txt or cities15000.txt (optionally .gz), admin1CodesASCII.txt and "
                            + "countryInfo.txt from https://download.geonames.org/export/dump/."})
    static final class Build implements Callable<Integer> {

        @Option(names = "--geonames", required = true, paramLabel = "FOLDER", description = "the GeoNames files")
        private Path folder;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the gazetteer to write (.tsv.gz)")
        private Path out;

        @Option(names = "--min-population", defaultValue = "15000", description = "smallest city kept (default ${DEFAULT-VALUE})")
        private long minPopulation;

        @Override
        public Integer call() throws IOException {
            OutputFile.writable("--out", out);
            Path cities = firstExisting("cities1000.txt.gz", "cities1000.txt", "cities15000.txt.gz", "cities15000.txt");
            List<String> lines;
            try (Stream<String> cityLines = lines(cities);
                 Stream<String> admin1 = lines(firstExisting("admin1CodesASCII.txt"));
                 Stream<String> countries = lines(firstExisting("countryInfo.txt"))) {
                lines = new GazetteerBuilder(minPopulation).build(cityLines, admin1, countries);
            }
            try (OutputStream file = Files.newOutputStream(out);
                 Writer writer = new OutputStreamWriter(new GZIPOutputStream(file), StandardCharsets.UTF_8)) {
                for (String line : lines) {
                    writer.write(line);
                    writer.write('\n');
                }
            }
            System.out.printf("%s: %,d lines from %s%n", out, lines.size(), cities);
            return 0;
        }

        private Path firstExisting(String... names) {
            for (String name : names) {
                Path candidate = folder.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("--geonames " + folder + ": none of " + String.join(", ", names)
                    + " is there; download it from https://download.geonames.org/export/dump/");
        }

        private static Stream<String> lines(Path file) throws IOException {
            InputStream in = Files.newInputStream(file);
            if (file.toString().endsWith(".gz")) {
                in = new GZIPInputStream(in);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().onClose(() -> {
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
