package dev.earshot.startup;

import dev.earshot.config.ConfigException;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import dev.earshot.flink.EarshotJob;
import dev.earshot.flink.EnrichResources;
import dev.earshot.parse.ParseParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.util.FileUtils;

/**
 * What {@code earshot run} checks before it builds the job, without contacting any service, so that
 * {@code earshot config FILE} can run the very same checks: the files the configuration names exist and load, and
 * the environment variables that hold its credentials are set. Each failure is a {@link ConfigException} naming
 * the key and the fix.
 */
public final class StartupChecks {

    private StartupChecks() {
    }

    /**
     * As {@link #check(EarshotConfig, Secrets)}, an error naming the config file first, as the loader's do: a user
     * with several configs learns which one names the variable that is not set.
     */
    public static EnrichResources check(EarshotConfig config, Secrets secrets, Path configFile) {
        try {
            return check(config, secrets);
        } catch (ConfigException e) {
            throw configFile == null ? e : new ConfigException(configFile + ": " + e.getMessage(), e);
        }
    }

    /** @return the taxonomy and sentiment model read on the way, for the job to use rather than read them again */
    public static EnrichResources check(EarshotConfig config, Secrets secrets) {
        EnrichResources enrichResources = EnrichResources.load(config.enrich());
        if (config.input().kind().equals(EarshotConfig.Input.FILE)) {
            inputFile(config.input(), config.parse());
        }
        liveSourceToken(config.input(), secrets);
        // Always: what deliveries and Elasticsearch refuse is written there too.
        outputDir(Path.of(config.output().dir()));
        if (!config.input().kind().equals(EarshotConfig.Input.FILE)) {
            writableFolder(Path.of(config.checkpoint().dir()), "checkpoint.dir", "e.g. state");
            writableByTrial(Path.of(config.checkpoint().dir()), "checkpoint.dir", "e.g. state");
        }
        EarshotJob.checkAlertSecrets(config.respond().alerts(), secrets);
        if (config.respond().helpdesk() != null) {
            EarshotJob.checkedHelpdesk(config.respond().helpdesk().toSettings(), secrets);
        }
        return enrichResources;
    }

    /**
     * What a user editing the taxonomy file during a paced replay would otherwise not know: a run over a file keeps
     * the taxonomy it started with (its result must not depend on when a file was saved), and a paced replay of a
     * few days lasts long enough for someone to try.
     */
    public static Optional<String> taxonomyNote(EarshotConfig config) {
        Path taxonomy = config.enrich().taxonomyFile();
        if (taxonomy == null || config.input().speedup() == null || !config.input().kind().equals(EarshotConfig.Input.FILE)) {
            return Optional.empty();
        }
        return Optional.of(taxonomy + " is read once: a replayed file keeps the taxonomy it started with, so edits "
                + "take effect on the next run (a Kafka or live input re-reads the file when it changes)");
    }

    /** That {@code -i} replaced a configured input of another kind, which a user running a Kafka config may not expect. */
    public static Optional<String> inputOverrideNote(EarshotConfig configured, String inputOption) {
        if (inputOption == null || configured.input().kind().equals(EarshotConfig.Input.FILE)) {
            return Optional.empty();
        }
        return Optional.of("-i " + inputOption + " replaces the configured input (input.kind: " + configured.input().kind()
                + ") for this run; leave -i out to read " + configured.input().kind());
    }

    /** The input file, or null for the bundled sample; a CSV file needs {@code parse.csv} to say which column holds what. */
    public static Path inputFile(EarshotConfig.Input input, ParseParams parse) {
        if (input.path() == null) {
            return null;
        }
        Path file = Path.of(input.path());
        if (!Files.exists(file)) {
            throw new ConfigException("input.path: " + file + " does not exist. Give a JSON-lines file of posts, "
                    + "or leave input.path out to run on the bundled sample stream.");
        }
        if (isCsv(file, parse) && parse.csv() == null) {
            throw new ConfigException("parse.csv: " + file + " is a CSV file; say which columns hold what, e.g. "
                    + "parse: { csv: { text: text, createdAt: tweet_created, id: tweet_id, author: name } }");
        }
        return file;
    }

    public static boolean isCsv(Path file, ParseParams parse) {
        return parse.csv() != null || file.toString().matches(".*\\.csv(\\.gz)?$");
    }

    /** The folder must be one, or creatable: its nearest existing ancestor is a folder we may write in. */
    static void outputDir(Path dir) {
        writableFolder(dir, "output.dir", "(-o DIR), e.g. output");
    }

    private static void writableFolder(Path dir, String key, String example) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException(key + ": " + dir + " is a file, not a folder; name a folder " + example);
        }
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new ConfigException(key + ": cannot create or write " + dir
                    + (existing == null ? "" : " (" + existing + " is " + (Files.isDirectory(existing) ? "not writable" : "a file") + ")")
                    + "; name a folder you may write in " + example);
        }
    }

    /**
     * Creates the folder and a file in it, then removes what it made: permissions alone cannot tell that a folder in
     * /proc, on a read-only mount or full disk cannot be made, which the job would otherwise find as it starts.
     */
    private static void writableByTrial(Path dir, String key, String example) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path firstMade = absolute;
        while (firstMade.getParent() != null && !Files.exists(firstMade.getParent())) {
            firstMade = firstMade.getParent();
        }
        boolean existed = Files.exists(absolute);
        try {
            Files.createDirectories(absolute);
            Files.delete(Files.createTempFile(absolute, ".earshot-check-", ""));
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot create or write " + dir + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(absolute.toString()) ? "" : ": " + e.getMessage())
                    + "); name a folder you may write in " + example, e);
        } finally {
            if (!existed) {
                FileUtils.deleteDirectoryQuietly(firstMade.toFile());
            }
        }
    }

    /** For a run: creates {@code output.dir}, or stops naming the key; the check above cannot foresee every refusal (/proc). */
    public static void createOutputDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("output.dir: cannot create " + dir + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(dir.toString()) ? "" : ": " + e.getMessage())
                    + "); name a folder you may write in (-o DIR)", e);
        }
    }

    private static void liveSourceToken(EarshotConfig.Input input, Secrets secrets) {
        try {
            if (input.kind().equals(EarshotConfig.Input.MASTODON)) {
                input.mastodon().token(secrets);
            } else if (input.kind().equals(EarshotConfig.Input.X)) {
                input.x().token(secrets);
            }
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }
}
