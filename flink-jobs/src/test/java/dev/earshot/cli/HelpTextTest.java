package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders its format strings, rather than picocli falling back to the raw text. */
class HelpTextTest {

    @Test
    void everyCommandsHelpIsFormatted() {
        List<CommandLine> commands = new ArrayList<>();
        collect(EarshotCli.commandLine(), commands);

        assertThat(commands).hasSizeGreaterThan(10);
        for (CommandLine command : commands) {
            assertThat(command.getUsageMessage()).as(command.getCommandSpec().qualifiedName())
                    .doesNotContain("%%").doesNotContain("%n");
        }
    }

    @Test
    void evalSentimentSaysHowEachMethodIsScored() {
        CliRun help = CliRun.run("eval", "sentiment", "--help");

        assertThat(help.out()).contains("80% and are scored on the other 20%;");
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
