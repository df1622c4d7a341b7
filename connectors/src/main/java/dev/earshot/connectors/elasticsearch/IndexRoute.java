package dev.earshot.connectors.elasticsearch;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Where a value goes in Elasticsearch: its index, its deterministic {@code _id} (so that a replay overwrites
 * rather than duplicates) and how it is written. {@link EarshotIndices} holds Earshot's routes.
 *
 * @param template the index template (a resource under {@code elasticsearch/index-templates/}) that maps the index;
 *     its indices are named {@code template-*}
 * @param index the value's index; for a deletion, null when the index is not known, and the sink then looks the
 *     {@code _id} up in every {@code template-*} index
 * @param document what is written for the value (the value itself for most routes)
 * @param deletes whether the value says to delete the document with its {@code _id} rather than write one
 */
public record IndexRoute<T>(String template, SerializableFunction<T, String> index, SerializableFunction<T, String> id,
                            WriteMode mode, SerializableFunction<T, Object> document,
                            SerializableFunction<T, Boolean> deletes) implements Serializable {

    public IndexRoute {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(deletes, "deletes");
    }

    /** A route whose values are the documents, and never deletions. */
    public IndexRoute(String template, SerializableFunction<T, String> index, SerializableFunction<T, String> id,
                      WriteMode mode) {
        this(template, index, id, mode, value -> value, value -> false);
    }
}
