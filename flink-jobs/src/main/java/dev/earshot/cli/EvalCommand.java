package dev.earshot.cli;

import picocli.CommandLine.Command;

@Command(name = "eval", mixinStandardHelpOptions = true, subcommands = {EvalDetectCommand.class, EvalAlertsCommand.class, EvalSentimentCommand.class,
        EvalTopicsCommand.class, EvalLocationCommand.class, EvalEnrichCommand.class},
        description = "Measure Earshot's stages against labelled public data sets.")
final class EvalCommand {
}
