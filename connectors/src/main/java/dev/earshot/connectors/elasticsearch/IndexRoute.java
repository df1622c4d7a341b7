package dev.earshot.connectors.elasticsearch;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Where a value goes in Elasticsearch: its index, its deterministic {@code _id} (so that a replay overwrites
 * rather than duplicates) and how it is written. {@link EarshotIndices} holds Earshot's four.
 *
 * @param template the index template (a resource under {@code elasticsearch/index-templates/}) that maps the index
 */
public record IndexRoute<T>(String template, SerializableFunction<T, String> index, SerializableFunction<T, String> id,
                            WriteMode mode) implements Serializable {

    public IndexRoute {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
    }
}
