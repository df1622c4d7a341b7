package dev.earshot.cli;

import dev.earshot.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check an earshot.yaml, or print the defaults (every key is optional).")
final class ConfigCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the file to check; without it, print the defaults")
    private Path file;

    @Override
    public Integer call() {
        if (file == null) {
            System.out.print(ConfigLoader.defaultsAsYaml());
        } else {
            ConfigLoader.load(file);
            System.out.println(file + ": OK");
        }
        return 0;
    }
}
