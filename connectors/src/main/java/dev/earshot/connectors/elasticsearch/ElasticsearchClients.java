package dev.earshot.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.net.URI;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** Connections to Elasticsearch over its low-level REST client; closing the transport closes the connections. */
public final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    public static ElasticsearchTransport transport(String urls) {
        // Documents reach the client already serialized; the mapper only reads Elasticsearch's answers.
        return new RestClientTransport(RestClient.builder(hosts(urls)).build(), new JacksonJsonpMapper());
    }

    public static ElasticsearchClient client(ElasticsearchTransport transport) {
        return new ElasticsearchClient(transport);
    }

    public static ElasticsearchAsyncClient asyncClient(ElasticsearchTransport transport) {
        return new ElasticsearchAsyncClient(transport);
    }

    /** The nodes of {@code urls}, as the REST client addresses them. */
    public static HttpHost[] hosts(String urls) {
        return ElasticsearchSettings.nodes(urls).stream().map(ElasticsearchClients::host).toArray(HttpHost[]::new);
    }

    private static HttpHost host(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 9200;
        return new HttpHost(uri.getHost(), port, uri.getScheme());
    }
}
