package dev.earshot.cli;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.config.UnsetKeys;
import dev.earshot.connectors.Secrets;
import dev.earshot.startup.ServiceChecks;
import dev.earshot.startup.StartupChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Check an earshot.yaml as run does before it submits the job (keys and values, the files it names,"
                + " the environment variables with its credentials), or print the defaults (every key is optional).",
                "Services are contacted only with --check-services; a live input (bluesky, mastodon, discourse, x) "
                        + "never is."})
final class ConfigCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the file to check; without it, print the defaults")
    private Path file;

    @Option(names = "--check-services", description = "also contact Kafka, Elasticsearch and the helpdesk (one "
            + "authenticated read), as run does (each within 10s); not a live input")
    private boolean checkServices;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (file == null) {
            spec.commandLine().getOut().print(ConfigLoader.defaultsAsYaml());
            spec.commandLine().getOut().println("# Off until set (no default); once a section is set, its keys default to:");
            UnsetKeys.of(EarshotConfig.defaults()).forEach(key -> spec.commandLine().getOut().println("# " + key));
            spec.commandLine().getOut().flush();
            return 0;
        }
        EarshotConfig config = ConfigLoader.load(file);
        StartupChecks.check(config, Secrets.environment(), file);
        EarlierRun.refuseToReplaceInput(config);
        if (checkServices) {
            ServiceChecks.check(config, ServiceChecks.TIMEOUT).forEach(note -> spec.commandLine().getOut().println("note: " + note));
        }
        boolean liveInput = !List.of(EarshotConfig.Input.FILE, EarshotConfig.Input.KAFKA).contains(config.input().kind());
        String notContacted = !checkServices ? " (services not contacted: add --check-services)"
                : liveInput ? " (live input " + config.input().kind() + " not contacted: the job connects when it runs,"
                        + " and reconnects on its own)" : "";
        spec.commandLine().getOut().println(file + ": OK" + notContacted);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
