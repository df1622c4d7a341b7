package dev.earshot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code earshot} command line. */
@Command(name = "earshot", mixinStandardHelpOptions = true, version = "earshot 0.1.0",
        description = "Real-time social listening: posts in, alerts and support tickets out.",
        subcommands = {RunCommand.class, ConfigCommand.class, GazetteerCommand.class, SampleCommand.class, EvalCommand.class,
                TaxonomyCommand.class, RedeliverCommand.class,
                TrainCommand.class, ElasticsearchCommand.class, LocalCommand.class,
                CommandLine.HelpCommand.class})
public final class EarshotCli implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EarshotCli());
        // A wrong option gets one line and a pointer to the help, not the whole usage text.
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine commandLine = e.getCommandLine();
            commandLine.getErr().println("earshot: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, commandLine.getErr())) {
                commandLine.getErr().println("see: " + commandLine.getCommandSpec().qualifiedName() + " --help");
            }
            return commandLine.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof dev.earshot.config.ConfigException) {
                commandLine.getErr().println("earshot: configuration error: " + e.getMessage());
                return 2;
            }
            if (e instanceof dev.earshot.startup.ServiceCheckException || e instanceof CannotResumeException) {
                commandLine.getErr().println("earshot: " + e.getMessage());
                return 1;
            }
            if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
                // A file the user named cannot be read or written: the file and the reason are the whole story.
                Throwable io = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
                String context = io == e || e.getMessage().equals(io.toString()) ? "" : e.getMessage() + ": ";
                commandLine.getErr().println("earshot: " + context + describe(io));
                return 1;
            }
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("--")) {
                // The commands' own checks of their options name the option first: a usage error, as picocli's are.
                commandLine.getErr().println("earshot: " + e.getMessage());
                return commandLine.getCommandSpec().exitCodeOnInvalidInput();
            }
            if (e instanceof java.util.concurrent.ExecutionException || e instanceof org.apache.flink.util.FlinkException) {
                // The job failed after its restarts, or could not start: say why in one line per cause, not as Flink's
                // stack trace.
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

    /** Java's file errors carry only the path as their message; say what went wrong with it. */
    static String describe(Throwable io) {
        if (!(io instanceof java.nio.file.FileSystemException fs)) {
            return io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + io.getMessage());
        }
        String what = switch (fs.getClass().getSimpleName()) {
            case "NoSuchFileException" -> "no such file or folder";
            case "FileAlreadyExistsException" -> "exists already";
            case "AccessDeniedException" -> "permission denied";
            case "NotDirectoryException" -> "not a folder";
            default -> fs.getReason() == null ? fs.getClass().getSimpleName() : fs.getReason();
        };
        return fs.getFile() + ": " + what + (fs.getOtherFile() == null ? "" : " (" + fs.getOtherFile() + ")");
    }

    /** Without a command there is nothing to do: a usage error, as picocli gives for a wrong one. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
