package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ElasticsearchCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = EarshotCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void setupSaysWhichUrlItCouldNotReach() {
        assertThat(run("es", "setup", "--url", "http://127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("earshot: cannot install the index templates at http://127.0.0.1:1: ")
                .contains("is Elasticsearch running there? set --url");
    }

    @Test
    void setupRefusesAUrlWithoutScheme() {
        assertThat(run("es", "setup", "--url", "localhost:9200")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("earshot: --url: 'localhost:9200' must be http(s)://host[:port]; e.g. "
                + "http://localhost:9200" + System.lineSeparator());
    }
}
