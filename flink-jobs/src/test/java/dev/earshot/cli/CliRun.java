package dev.earshot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** What one {@code earshot} command printed and returned, for tests of the command line. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = EarshotCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Copies a test resource into {@code folder}, where the commands read files. */
    static Path fixture(String resource, Path folder) throws IOException {
        Path file = folder.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = CliRun.class.getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }
}
