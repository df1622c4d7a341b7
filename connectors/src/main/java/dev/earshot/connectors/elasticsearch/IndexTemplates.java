package dev.earshot.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ExpandWildcard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs Earshot's composable index templates. They are the files of {@code dashboards/index-templates}, which
 * the build copies into this module's resources, so that the templates exist once. Installing overwrites, so it
 * is safe to repeat; it must happen before an index's first document, or the index gets dynamic mappings.
 *
 * <p>A template only shapes indices created after it, so installing one also adds its mappings to the indices it
 * already matches (a field a newer release maps, such as {@code post.editedAt}, becomes searchable there at once).
 * An index whose mapping conflicts keeps it, with a warning naming the index; the documents are still written.
 */
public final class IndexTemplates {

    static final String RESOURCE_DIR = "/elasticsearch/index-templates/";

    private IndexTemplates() {
    }

    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * PUTs {@code _index_template/<name>} for each name, from the bundled template of that name, then the template's
     * mappings on the open indices it matches.
     */
    public static void install(ElasticsearchClient client, Iterable<String> names) throws IOException {
        for (String name : names) {
            byte[] template;
            try (InputStream body = open(name)) {
                template = body.readAllBytes();
            }
            boolean acknowledged = client.indices()
                    .putIndexTemplate(t -> t.name(name).withJson(new ByteArrayInputStream(template))).acknowledged();
            if (!acknowledged) {
                throw new IOException("Elasticsearch did not acknowledge index template " + name);
            }
            updateExistingIndices(client, name, JSON.readTree(template));
        }
    }

    private static void updateExistingIndices(ElasticsearchClient client, String name, JsonNode template)
            throws IOException {
        List<String> patterns = new ArrayList<>();
        template.path("index_patterns").forEach(pattern -> patterns.add(pattern.asText()));
        byte[] mappings = JSON.writeValueAsBytes(template.path("template").path("mappings"));
        try {
            client.indices().putMapping(m -> m.index(patterns).allowNoIndices(true).ignoreUnavailable(true)
                    .expandWildcards(ExpandWildcard.Open).withJson(new ByteArrayInputStream(mappings)));
        } catch (ElasticsearchException e) {
            LOG.warn("Existing indices {} keep their mapping, which conflicts with index template {}: {}. New indices "
                    + "use the template; reindex the old ones to search them the same way.", patterns, name,
                    e.getMessage());
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
