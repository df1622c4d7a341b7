package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ordinary mistakes on the command line get one line naming the option and the fix: no stack trace, no job. */
class CliMistakesTest {

    @TempDir
    Path folder;

    private static void usageError(CliRun run, String firstLine) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst()).hasValue(firstLine);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Usage: earshot");
    }

    @Test
    void runOptionsOutOfRange() {
        usageError(CliRun.run("run", "-p", "0"), "earshot: --parallelism must be between 1 and 512, was 0");
        usageError(CliRun.run("run", "-s", "0"), "earshot: --speedup must be a positive number such as 60 (an hour a minute), "
                + "was 0.0; leave it out to read as fast as possible");
    }

    @Test
    void anOutputDirThatIsAFile() throws Exception {
        Path file = Files.writeString(folder.resolve("taken"), "x");
        usageError(CliRun.run("run", "-o", file.toString()), "earshot: configuration error: output.dir: " + file
                + " is a file, not a folder; name a folder (-o DIR), e.g. output");
    }

    @Test
    void configChecksWhatRunChecks() throws Exception {
        Path config = Files.writeString(folder.resolve("earshot.yaml"), "enrich: { taxonomy: city-operation }\n");
        usageError(CliRun.run("config", config.toString()), "earshot: configuration error: " + config + ": enrich.taxonomy: 'city-operation' "
                + "is neither a bundled taxonomy [city-operations, brand-care, airline-care] nor a file");
        Files.writeString(config, "output: { dir: " + folder.resolve("out") + " }\n");
        CliRun ok = CliRun.run("config", config.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).isEqualTo(config + ": OK (services not contacted: add --check-services)" + System.lineSeparator());
    }

    @Test
    void checkingServicesSaysALiveInputIsNotContacted() throws Exception {
        Path config = Files.writeString(folder.resolve("earshot.yaml"), "input: { kind: bluesky }\noutput: { dir: "
                + folder.resolve("out") + " }\ncheckpoint: { dir: " + folder.resolve("state") + " }\n");
        CliRun checked = CliRun.run("config", "--check-services", config.toString());
        assertThat(checked.exitCode()).as(checked.err()).isZero();
        assertThat(checked.out()).isEqualTo(config + ": OK (live input bluesky not contacted: the job connects when it "
                + "runs, and reconnects on its own)" + System.lineSeparator());
    }

    @Test
    void anInputTheRunWouldReplaceStopsStartUpBeforeAnythingIsDeleted() throws Exception {
        Path out = Files.createDirectories(folder.resolve("out"));
        Path deadLetters = Files.writeString(out.resolve("dead-letters.jsonl"), "{}\n");
        Path alerts = Files.writeString(out.resolve("alerts.jsonl"), "{}\n");
        Path posts = Files.writeString(out.resolve("posts.jsonl"), "{}\n");
        String fix = " (output.dir, -o); copy it out of " + out + " and read the copy, or write elsewhere with -o DIR";

        Path config = Files.writeString(folder.resolve("earshot.yaml"),
                "input: { path: " + deadLetters + " }\noutput: { dir: " + out + " }\n");
        usageError(CliRun.run("config", config.toString()), "earshot: configuration error: input.path (-i): " + deadLetters
                + " is a file this run would replace in its output folder " + out + fix);
        usageError(CliRun.run("run", "-i", deadLetters.toString(), "-o", out.toString()), "earshot: configuration error: "
                + "input.path (-i): " + deadLetters + " is a file this run would replace in its output folder " + out + fix);
        usageError(CliRun.run("run", "-i", out.toString(), "-o", out.toString()), "earshot: configuration error: "
                + "input.path (-i): " + out + " holds " + alerts + ", which is a file this run would replace in its "
                + "output folder " + out + fix);
        assertThat(deadLetters).exists();
        assertThat(alerts).exists();

        // A file of another name in the output folder is never replaced, so it may be read.
        Files.writeString(config, "input: { path: " + posts + " }\noutput: { dir: " + out + " }\n");
        assertThat(CliRun.run("config", config.toString()).exitCode()).isZero();
    }

    @Test
    void aServiceAddressOfTheWrongFormIsOneLineForConfigAndRunAlike() throws Exception {
        Path config = Files.writeString(folder.resolve("kafka.yaml"),
                "output: { to: [kafka] }\nkafka: { bootstrapServers: \"http://localhost:9092\" }\n");
        String refusal = "earshot: configuration error: " + config + ": kafka.bootstrapServers must be host:port"
                + "[,host:port...], was 'http://localhost:9092'; e.g. localhost:9092 (without a scheme such as http://: "
                + "Kafka speaks its own protocol)";
        usageError(CliRun.run("config", config.toString()), refusal);
        usageError(CliRun.run("config", "--check-services", config.toString()), refusal);
        usageError(CliRun.run("run", "-c", config.toString()), refusal);
    }

    @Test
    void outputFilesAreCheckedBeforeTheWork() throws Exception {
        usageError(CliRun.run("sample", "generate", "--out", folder.toString()),
                "earshot: --out " + folder + " is a folder; name a file (in it, or elsewhere)");
        Path nowhere = folder.resolve("missing/model.json");
        usageError(CliRun.run("train", "sentiment", "--data", "labelled.csv", "--out", nowhere.toString()),
                "earshot: --out " + nowhere + ": the folder " + nowhere.getParent() + " does not exist; create it first");
        usageError(CliRun.run("sample", "generate", "--out", folder.resolve("s.jsonl").toString(), "--posts", "-5"),
                "earshot: --posts must be between 2000 and 1000000 (the incidents need a baseline to stand out from), was -5");
    }

    @Test
    void aMissingInputFolder() {
        usageError(CliRun.run("gazetteer", "build", "--geonames", folder.resolve("none").toString(), "--out",
                folder.resolve("g.tsv.gz").toString()), "earshot: --geonames " + folder.resolve("none") + ": none of "
                + "cities1000.txt.gz, cities1000.txt, cities15000.txt.gz, cities15000.txt is there; download it from "
                + "https://download.geonames.org/export/dump/");
    }
}
