package dev.earshot.cli;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "redeliver", mixinStandardHelpOptions = true,
        description = {"Send the alerts and tickets of delivery dead letters again, once their cause is fixed (a token, a "
                + "field), through the job's own delivery: receivers see the same idempotency keys, Slack is searched "
                + "before posting, a helpdesk ticket is looked up before one is created.",
                "A version whose channel was delivered a later version of its incident since (by the job or an earlier "
                        + "redeliver) is skipped as superseded: sent then, it would take the channel back. The rest of each "
                        + "incident's versions are sent in order, its announcement first. A follow-up sent again without its "
                        + "first message (which was delivered) starts a message of its own: the incident's thread stayed in the job.",
                "Each message delivered is recorded in delivered.jsonl beside the dead letters (and in the output folder); a "
                        + "dead letter recorded there as delivered after it failed (by a resumed run, or an earlier "
                        + "redeliver) is not sent again.",
                "Dead letters of other stages are counted and skipped: replay their input instead."})
final class RedeliverCommand implements Callable<Integer> {

    @Option(names = {"-d", "--dead-letters"}, paramLabel = "FILE|DIR", arity = "1..*", required = true,
            description = "the output folder (its alert-delivery-dead-letters*.jsonl and helpdesk-dead-letters-*.jsonl), files, or names without the subtask suffix (output/helpdesk-dead-letters)")
    private List<Path> deadLetters;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "the earshot.yaml whose respond.alerts and respond.helpdesk to deliver with")
    private Path config;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "where what fails again is written (default: redelivery in the folder of the first dead-letter file)")
    private Path output;

    @Override
    public Integer call() throws Exception {
        EarshotConfig loaded = config == null ? EarshotConfig.defaults() : ConfigLoader.load(config);
        return new Redelivery(loaded, Secrets.environment(), output != null ? output : defaultOutput(deadLetters), System.out)
                .execute(deadLetters);
    }

    /** Not a folder under the working directory: a redelivery run from elsewhere would leave its files there. */
    static Path defaultOutput(List<Path> deadLetters) throws IOException {
        // resolve stops the command when the arguments name no dead letters, so there is a first file
        return DeadLetterFiles.resolve(deadLetters).get(0).toAbsolutePath().normalize().getParent().resolve("redelivery");
    }
}
