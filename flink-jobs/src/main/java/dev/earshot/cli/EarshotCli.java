package dev.earshot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code earshot} command line. */
@Command(name = "earshot", mixinStandardHelpOptions = true, version = "earshot 0.1.0",
        description = "Real-time social listening: posts in, alerts and support tickets out.",
        subcommands = {RunCommand.class, ConfigCommand.class, GazetteerCommand.class, SampleCommand.class, EvalCommand.class,
                TaxonomyCommand.class, RedeliverCommand.class,
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
            if (e instanceof java.util.concurrent.ExecutionException) {
                // The job failed after its restarts: say why in one line per cause, not as Flink's stack trace.
                commandLine.getErr().println("earshot: the job failed: " + causes(e));
                return 1;
            }
            throw e;
        });
        return cli;
    }

    /** The distinct messages of an exception's causes, outermost first. */
    static String causes(Throwable e) {
        java.util.List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            if (messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(System.lineSeparator() + "  caused by ", messages);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
