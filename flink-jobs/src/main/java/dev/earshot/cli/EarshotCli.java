package dev.earshot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code earshot} command line. */
@Command(name = "earshot", mixinStandardHelpOptions = true, version = "earshot 0.1.0",
        description = "Real-time social listening: posts in, alerts and support tickets out.",
        subcommands = {RunCommand.class, ConfigCommand.class, GazetteerCommand.class, SampleCommand.class, EvalCommand.class,
                TrainCommand.class, ElasticsearchCommand.class,
                CommandLine.HelpCommand.class})
public final class EarshotCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EarshotCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof dev.earshot.config.ConfigException) {
                commandLine.getErr().println("earshot: configuration error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
