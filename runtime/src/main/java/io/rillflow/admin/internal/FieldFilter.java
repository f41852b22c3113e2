package io.rillflow.admin.internal;

import io.rillflow.documents.IndexDefinition;
import io.rillflow.query.BooleanPath;
import io.rillflow.query.CollectionPath;
import io.rillflow.query.NumberPath;
import io.rillflow.query.Path;
import io.rillflow.query.StringPath;
import io.rillflow.query.TemporalPath;
import io.rillflow.sql.SqlFragments;
import io.rillflow.sql.SqlType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A filter on one field of a document table, rendered as the typed paths of a metamodel render it: equality on the
 * field's typed value for a B-tree index, JSON containment for a GIN index. The same path backs the index definition,
 * so the filter and the suggested index match as a query and its index do.
 */
record FieldFilter(Path<?> path, IndexDefinition.Kind kind) {
    /** A filter on {@code field} (dotted) of {@code kind}, compared as {@code type} for a B-tree. */
    static FieldFilter of(String field, IndexDefinition.Kind kind, SqlType type) {
        if (kind == IndexDefinition.Kind.GIN) {
            return new FieldFilter(new CollectionPath<Object>(null, field), kind);
        }
        Path<?> path =
                switch (type) {
                    case TEXT -> new StringPath(null, field);
                    case NUMERIC -> new NumberPath<Long>(null, field);
                    case BOOLEAN -> new BooleanPath(null, field);
                    case TIMESTAMPTZ -> new TemporalPath<>(null, field, Instant.class);
                    case TIMESTAMP -> new TemporalPath<>(null, field, LocalDateTime.class);
                    case DATE -> new TemporalPath<>(null, field, LocalDate.class);
                };
        return new FieldFilter(path, kind);
    }

    /** The condition on a live document, with one {@code ?}. */
    String condition(String quotedSchema) {
        String compare = kind == IndexDefinition.Kind.GIN
                ? SqlFragments.containsJson(path.jsonExpression())
                : SqlFragments.compare(path.typedExpression(quotedSchema), "=");
        return SqlFragments.LIVE + " and " + compare;
    }

    /** The index a {@code @Index} on the field declares: named after its path, dots as underscores. */
    IndexDefinition index() {
        String name = path.dotted().replace('.', '_').replace('-', '_').replace('$', '_');
        return new IndexDefinition(name, path, kind, false);
    }

    /** The annotation declaring {@link #index()} on the document type. */
    String annotation() {
        return "@Index(path = \"" + path.dotted() + "\""
                + (kind == IndexDefinition.Kind.GIN ? ", kind = Index.Kind.GIN" : "") + ")";
    }
}
