package dev.earshot.cli;

import co.elastic.clients.transport.ElasticsearchTransport;
import dev.earshot.connectors.elasticsearch.EarshotIndices;
import dev.earshot.connectors.elasticsearch.ElasticsearchClients;
import dev.earshot.connectors.elasticsearch.ElasticsearchSettings;
import dev.earshot.connectors.elasticsearch.IndexTemplates;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "es", mixinStandardHelpOptions = true, subcommands = ElasticsearchCommand.Setup.class,
        description = "Elasticsearch: the indices Earshot writes.")
final class ElasticsearchCommand {

    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = {"Install Earshot's index templates (those of dashboards/index-templates, bundled) in Elasticsearch.",
                    "Safe to repeat: each template is overwritten. Run it before Earshot's first write."})
    static final class Setup implements Callable<Integer> {

        @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:9200",
                description = "Elasticsearch node(s), comma-separated (default: ${DEFAULT-VALUE})")
        private String url;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            try {
                ElasticsearchSettings.nodes(url);
            } catch (IllegalArgumentException e) {
                // A malformed URL: nothing was contacted, so asking whether Elasticsearch runs there would mislead.
                spec.commandLine().getErr().println("earshot: --url: " + e.getMessage().replace("elasticsearch.url: ", ""));
                return 2;
            }
            try (ElasticsearchTransport transport = ElasticsearchClients.transport(url)) {
                IndexTemplates.install(ElasticsearchClients.client(transport), EarshotIndices.TEMPLATES);
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("earshot: cannot install the index templates at " + url + ": "
                        + e.getMessage() + " (is Elasticsearch running there? set --url)");
                return 1;
            }
            spec.commandLine().getOut().println(
                    "installed index templates " + String.join(", ", EarshotIndices.TEMPLATES) + " at " + url);
            return 0;
        }
    }
}
