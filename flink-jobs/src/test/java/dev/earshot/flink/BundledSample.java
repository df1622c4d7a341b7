package dev.earshot.flink;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The bundled sample stream, as the workflow tests feed it to the job: a file, or its lines for a Kafka topic. */
final class BundledSample {

    private static final String RESOURCE = "/sample/posts.jsonl.gz";

    private BundledSample() {
    }

    /** Copies the stream, still gzipped, into {@code dir} and returns the file. */
    static Path copyTo(Path dir) throws IOException {
        Path file = dir.resolve("posts.jsonl.gz");
        try (InputStream sample = open()) {
            Files.copy(sample, file);
        }
        return file;
    }

    /** Every line of the stream, malformed records included. */
    static List<String> lines() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(open()), UTF_8))) {
            return reader.lines().toList();
        }
    }

    private static InputStream open() {
        return BundledSample.class.getResourceAsStream(RESOURCE);
    }
}
