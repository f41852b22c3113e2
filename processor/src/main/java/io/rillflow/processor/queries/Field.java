package io.rillflow.processor.queries;

import com.palantir.javapoet.TypeName;
import io.rillflow.processor.document.PathKind;
import io.rillflow.sql.SqlType;
import java.util.List;

/**
 * A document field a query names, resolved through the document's metamodel.
 *
 * @param name the field as the query wrote it, for messages ({@code addressCity}, {@code address.city})
 * @param segments the JSON names from the root to the field
 * @param kind what kind of value it holds
 * @param valueType the boxed type a parameter compared with it must have (the element type of a collection), or null
 *     for objects
 * @param nestedType the qualified name of a nested object's type, else null
 */
record Field(String name, List<String> segments, PathKind kind, TypeName valueType, String nestedType) {
    Field {
        segments = List.copyOf(segments);
    }

    /** How its values compare in SQL, as the runtime's paths decide. */
    SqlType sqlType() {
        return switch (kind) {
            case NUMBER -> SqlType.NUMERIC;
            case BOOLEAN -> SqlType.BOOLEAN;
            case TEMPORAL -> SqlType.forTemporalOrBoolean(valueType.toString());
            default -> SqlType.TEXT;
        };
    }
}
