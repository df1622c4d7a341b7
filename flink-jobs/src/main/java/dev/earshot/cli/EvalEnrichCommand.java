package dev.earshot.cli;

import dev.earshot.config.EarshotConfig;
import dev.earshot.enrich.Enricher;
import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.LocationResolver;
import dev.earshot.enrich.sentiment.SentimentScorer;
import dev.earshot.enrich.sentiment.SocialSentimentScorer;
import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TopicMatcher;
import dev.earshot.json.Json;
import dev.earshot.model.Author;
import dev.earshot.model.Post;
import dev.earshot.parse.ParseParams;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostParser;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The speed of the whole enrich stage on one thread ({@link Enricher#enrich}: CoreNLP analysis, sentiment, topics,
 * location and content terms), and a digest of what it produced, so that a change meant to make it faster can show it
 * changed no output. Each timed pass starts from a new enricher, so that nothing one pass remembers speeds up the next.
 */
@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = {"Time the whole enrich stage on one thread (posts/s per core, median of the timed passes after "
                + "a warm-up pass) and print a SHA-256 digest of the enriched posts' canonical JSON.",
                "Without --data: the bundled sample stream's valid posts, first version of each id, default config."})
final class EvalEnrichCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE",
            description = "the airline tweets (Tweets.csv): each row's text, with tweet_location as the author's profile")
    private Path data;

    @Option(names = "--taxonomy", paramLabel = "NAME|FILE",
            description = "a bundled taxonomy or a YAML file (default: city-operations, airline-care with --data)")
    private String taxonomyName;

    @Option(names = "--passes", defaultValue = "5", paramLabel = "N",
            description = "timed passes after the warm-up pass (default ${DEFAULT-VALUE})")
    private int passes;

    @Option(names = "--limit", paramLabel = "N", description = "only the first N posts")
    private Integer limit;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (passes < 1) {
                throw new IllegalArgumentException("--passes must be at least 1, was " + passes);
            }
            if (limit != null && limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
            }
            List<Post> read = data == null ? bundledSamplePosts() : airlinePosts(data);
            List<Post> posts = limit == null || limit >= read.size() ? read : read.subList(0, limit);
            Taxonomy taxonomy = EvalTopicsCommand.loadTaxonomy(
                    taxonomyName != null ? taxonomyName : data == null ? "city-operations" : "airline-care");
            EarshotConfig.Enrich settings = EarshotConfig.defaults().enrich();
            SentimentScorer sentiment = SocialSentimentScorer.create(settings.sentiment());
            LocationResolver locations = new LocationResolver(Gazetteer.bundled(), settings.location());
            CoreNlpTextAnalyzer analyzer = CoreNlpTextAnalyzer.shared();
            TopicMatcher topics = TopicMatcher.compile(taxonomy, analyzer);
            long distinctTexts = posts.stream().map(Post::text).distinct().count();
            out.printf("%s: %,d posts, %,d distinct texts; taxonomy %s%n",
                    data == null ? "bundled sample stream" : data, posts.size(), distinctTexts,
                    taxonomyName != null ? taxonomyName : data == null ? "city-operations" : "airline-care");

            List<Integer> all = IntStream.range(0, posts.size()).boxed().toList();
            Enricher[] enricher = new Enricher[1];
            double perSecond = MedianSpeed.postsPerSecond(index -> {
                if (index == 0) {
                    enricher[0] = new Enricher(analyzer.withSentenceCache(CoreNlpTextAnalyzer.SENTENCE_CACHE_CAPACITY),
                            sentiment, topics, locations);
                }
                return enricher[0].enrich(posts.get(index));
            }, all, passes);
            out.printf(Locale.ROOT, "speed: %,.0f posts/s per core for the whole enrich stage (median of %d passes "
                    + "after a warm-up pass, each pass with a new enricher)%n", perSecond, passes);

            Enricher fresh = new Enricher(analyzer.withSentenceCache(CoreNlpTextAnalyzer.SENTENCE_CACHE_CAPACITY),
                    sentiment, topics, locations);
            MessageDigest digest = sha256();
            for (Post post : posts) {
                digest.update((Json.write(fresh.enrich(post)) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.printf("enriched posts digest (SHA-256 of their canonical JSON lines): %s%n",
                    HexFormat.of().formatHex(digest.digest()));
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("earshot: " + e.getMessage());
            return 2;
        }
    }

    /** The valid posts of the bundled stream as the job reads them, the first version of each id (deduplication). */
    private static List<Post> bundledSamplePosts() throws IOException {
        PostParser parser = new PostParser(ParseParams.defaults());
        List<Post> posts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (InputStream resource = EvalEnrichCommand.class.getResourceAsStream(LocalRun.BUNDLED_SAMPLE);
                BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource),
                        StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                for (ParseResult result : parser.parse(line, Instant.now())) {
                    if (result instanceof ParseResult.Valid valid && seen.add(valid.post().id())) {
                        posts.add(valid.post());
                    }
                }
            }
        }
        return posts;
    }

    /** Each row of the airline tweets as a post: its text, and its tweet_location as the author's profile. */
    static List<Post> airlinePosts(Path data) throws IOException {
        List<Post> posts = new ArrayList<>();
        for (Map<String, String> row : DataFile.readColumns(data, List.of("tweet_id", "text", "tweet_location"))) {
            String profile = row.get("tweet_location").isBlank() ? null : row.get("tweet_location");
            posts.add(new Post("twitter:" + row.get("tweet_id"), "twitter", Instant.EPOCH, row.get("text"), "en",
                    new Author(row.get("tweet_id"), null, 0, profile), null, null, null, null, null, null, List.of(),
                    List.of()));
        }
        return posts;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
