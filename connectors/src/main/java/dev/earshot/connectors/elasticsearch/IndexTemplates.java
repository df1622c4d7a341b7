package dev.earshot.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Installs Earshot's composable index templates. They are the files of {@code dashboards/index-templates}, which
 * the build copies into this module's resources, so that the templates exist once. Installing overwrites, so it
 * is safe to repeat; it must happen before an index's first document, or the index gets dynamic mappings.
 */
public final class IndexTemplates {

    static final String RESOURCE_DIR = "/elasticsearch/index-templates/";

    private IndexTemplates() {
    }

    /** PUTs {@code _index_template/<name>} for each name, from the bundled template of that name. */
    public static void install(ElasticsearchClient client, Iterable<String> names) throws IOException {
        for (String name : names) {
            try (InputStream body = open(name)) {
                boolean acknowledged = client.indices().putIndexTemplate(t -> t.name(name).withJson(body)).acknowledged();
                if (!acknowledged) {
                    throw new IOException("Elasticsearch did not acknowledge index template " + name);
                }
            }
        }
    }

    static InputStream open(String name) {
        InputStream body = IndexTemplates.class.getResourceAsStream(RESOURCE_DIR + name + ".json");
        if (body == null) {
            throw new UncheckedIOException(new IOException("no bundled index template '" + name + "' (expected resource "
                    + RESOURCE_DIR + name + ".json, copied from dashboards/index-templates by the build)"));
        }
        return body;
    }
}
