package dev.earshot.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.config.ConfigException;
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
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {

    private static final Secrets NONE = name -> null;

    @TempDir
    Path folder;

    private EarshotConfig config(String yaml) {
        return ConfigLoader.parse("output: { dir: " + folder.resolve("out") + " }\n" + yaml, "earshot.yaml");
    }

    private void refused(String yaml, Secrets secrets, String messageStart) {
        assertThatThrownBy(() -> StartupChecks.check(config(yaml), secrets)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(messageStart);
    }

    @Test
    void theDefaultsPass() {
        assertThatCode(() -> StartupChecks.check(config(""), NONE)).doesNotThrowAnyException();
    }

    @Test
    void anErrorFoundAfterLoadingNamesTheConfigFileFirstAsTheLoadersDo() {
        Path file = folder.resolve("care.yaml");
        EarshotConfig config = config("respond: { alerts: { channels: [ { name: ops, type: slack, urlEnv: OPS_SLACK_URL } ] } }\n");

        assertThatThrownBy(() -> StartupChecks.check(config, NONE, file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": respond.alerts.channels 'ops': the environment variable OPS_SLACK_URL");
        assertThatThrownBy(() -> StartupChecks.check(config, NONE, null)).as("the defaults have no file to name")
                .hasMessageStartingWith("respond.alerts.channels 'ops'");
    }

    @Test
    void theJobIsBuiltFromWhatTheChecksReadWithoutReadingTheFilesAgain() throws Exception {
        Path taxonomy = Files.writeString(folder.resolve("tax.yaml"), "topics:\n  - id: parking\n    name: Parking\n    phrases: [parking]\n");
        Path input = Files.writeString(folder.resolve("posts.jsonl"), "");
        EarshotConfig config = config("enrich: { taxonomy: '" + taxonomy + "' }\n");
        EnrichResources read = StartupChecks.check(config, NONE);
        Files.delete(taxonomy);

        assertThat(read.taxonomy().ids()).containsExactly("parking");
        assertThatCode(() -> new EarshotJob(config, read, RecordSource.file(input, "test"),
                List.of(EarshotSinks.jsonLines(folder.resolve("out"))), NONE).build(StreamExecutionEnvironment.getExecutionEnvironment()))
                .as("the deleted file is not read again").doesNotThrowAnyException();
    }

    @Test
    void aPacedReplayWithATaxonomyFileIsToldThatEditsWaitForTheNextRun() throws Exception {
        Path taxonomy = Files.writeString(folder.resolve("tax.yaml"), "topics:\n  - id: parking\n    name: Parking\n    phrases: [parking]\n");
        EarshotConfig withFile = config("enrich: { taxonomy: '" + taxonomy + "' }\n");

        assertThat(StartupChecks.taxonomyNote(withFile.withSpeedup(60.0))).hasValueSatisfying(note ->
                assertThat(note).startsWith(taxonomy + " is read once").contains("next run"));
        assertThat(StartupChecks.taxonomyNote(withFile)).as("a fast replay ends before anyone edits").isEmpty();
        assertThat(StartupChecks.taxonomyNote(config("").withSpeedup(60.0))).as("a bundled taxonomy cannot be edited").isEmpty();
    }

    @Test
    void aFileGivenWithDashIInsteadOfAConfiguredKafkaInputIsSaid() {
        EarshotConfig kafka = config("input: { kind: kafka }\nkafka: { bootstrapServers: 'localhost:9092' }\n");

        assertThat(StartupChecks.inputOverrideNote(kafka, "posts.jsonl")).hasValue(
                "-i posts.jsonl replaces the configured input (input.kind: kafka) for this run; leave -i out to read kafka");
        assertThat(StartupChecks.inputOverrideNote(kafka, null)).isEmpty();
        assertThat(StartupChecks.inputOverrideNote(config(""), "posts.jsonl")).as("a file for a file").isEmpty();
    }

    @Test
    void theTaxonomyMustBeBundledOrAValidFile() throws Exception {
        refused("enrich: { taxonomy: city-operation }\n", NONE, "enrich.taxonomy: 'city-operation' is neither a bundled taxonomy");
        Path bad = Files.writeString(folder.resolve("tax.yaml"), "this: is not a taxonomy\n");
        refused("enrich: { taxonomy: " + bad + " }\n", NONE, "enrich.taxonomy: " + bad + ": ");
    }

    @Test
    void theSentimentModelMustExistAndLoad() throws Exception {
        refused("enrich: { sentimentModel: " + folder.resolve("none.json") + " }\n", NONE, "enrich.sentimentModel: ");
        Path bad = Files.writeString(folder.resolve("model.json"), "{\"format\": \"something else\"}");
        refused("enrich: { sentimentModel: " + bad + " }\n", NONE, "enrich.sentimentModel: cannot use " + bad);
    }

    @Test
    void theInputFileMustExistAndACsvNeedsItsColumns() throws Exception {
        refused("input: { path: " + folder.resolve("posts.jsonl") + " }\n", NONE, "input.path: ");
        Path csv = Files.writeString(folder.resolve("posts.csv"), "text,created\n");
        refused("input: { path: " + csv + " }\n", NONE, "parse.csv: ");
    }

    @Test
    void theOutputDirMustBeAFolderThatCanBeMade() throws Exception {
        Path file = Files.writeString(folder.resolve("taken"), "x");
        assertThatThrownBy(() -> StartupChecks.check(ConfigLoader.parse("output: { dir: " + file + " }\n", "earshot.yaml"), NONE))
                .hasMessageStartingWith("output.dir: " + file + " is a file, not a folder");
        assertThatThrownBy(() -> StartupChecks.check(
                ConfigLoader.parse("output: { dir: " + file.resolve("below") + " }\n", "earshot.yaml"), NONE))
                .hasMessageStartingWith("output.dir: cannot create or write " + file.resolve("below"));
    }

    @Test
    void theStateFolderOfAnEndlessInputMustBeAFolderThatCanBeMade() throws Exception {
        Path file = Files.writeString(folder.resolve("state"), "x");
        String kafka = "input: { kind: kafka }\nkafka: { bootstrapServers: localhost:9092 }\n";
        refused(kafka + "checkpoint: { dir: " + file + " }\n", NONE, "checkpoint.dir: " + file + " is a file, not a folder");
        refused(kafka + "checkpoint: { dir: " + file.resolve("below") + " }\n", NONE,
                "checkpoint.dir: cannot create or write " + file.resolve("below"));
        // a file run keeps no state
        assertThatCode(() -> StartupChecks.check(config("checkpoint: { dir: " + file + " }\n"), NONE)).doesNotThrowAnyException();
    }

    /** Permissions say /proc may be written in (as root, anything may): only trying tells. */
    @Test
    void theStateFolderIsCreatedAndWrittenOnTrialAndLeftAsItWas() {
        String kafka = "input: { kind: kafka }\nkafka: { bootstrapServers: localhost:9092 }\n";
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux's /proc");
        refused(kafka + "checkpoint: { dir: /proc/nope }\n", NONE, "checkpoint.dir: cannot create or write /proc/nope (");

        Path state = folder.resolve("new/state");
        assertThatCode(() -> StartupChecks.check(config(kafka + "checkpoint: { dir: " + state + " }\n"), NONE))
                .doesNotThrowAnyException();
        assertThat(folder.resolve("new")).doesNotExist();
    }

    @Test
    void credentialsMustBeInTheEnvironment() {
        String mastodon = "input: { kind: mastodon, mastodon: { instance: https://mastodon.example, tokenEnv: MASTODON_TOKEN } }\n";
        refused(mastodon, NONE, "environment variable MASTODON_TOKEN (input.mastodon.tokenEnv) is not set");
        assertThatCode(() -> StartupChecks.check(config(mastodon), Map.of("MASTODON_TOKEN", "t")::get)).doesNotThrowAnyException();
        refused("input: { kind: x }\n", NONE, "environment variable EARSHOT_X_BEARER_TOKEN (input.x.tokenEnv) is not set");
        refused("respond: { alerts: { channels: [ { name: ops, type: slack, urlEnv: SLACK_URL } ] } }\n", NONE,
                "respond.alerts.channels 'ops': the environment variable SLACK_URL (urlEnv) is not set");
        refused("respond: { helpdesk: { kind: zendesk, url: https://acme.zendesk.com, emailEnv: ZD_EMAIL, tokenEnv: ZD_TOKEN } }\n",
                NONE, "respond.helpdesk.emailEnv: the environment variable ZD_EMAIL is not set");
    }
}
