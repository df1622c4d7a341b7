package dev.earshot.connectors.serde;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information that carries a value in Earshot's canonical JSON, between operators and in state.
 *
 * <p>Why not Flink's POJO or Kryo serializers: the model's records hold immutable lists ({@code List.copyOf}),
 * which Kryo cannot rebuild, and the canonical JSON is already the documented, versioned format; state written
 * this way also tolerates added fields when the model evolves. It costs some speed per record, which is small
 * next to enrichment.
 */
public final class JsonTypeInfo<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    private JsonTypeInfo(Class<T> type) {
        this.type = Objects.requireNonNull(type);
    }

    public static <T> JsonTypeInfo<T> of(Class<T> type) {
        return new JsonTypeInfo<>(type);
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new JsonSerializer<>(type);
    }

    @Override
    public String toString() {
        return "JsonTypeInfo<" + type.getName() + ">";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonTypeInfo<?> that && that.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof JsonTypeInfo;
    }
}
