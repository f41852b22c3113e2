package io.rillflow.documents;

import io.rillflow.internal.Identifiers;
import io.rillflow.query.FullTextPath;
import io.rillflow.query.Path;
import java.util.Objects;

/**
 * An index on a document field, declared with {@code @Index} or {@code @FullText}. Schema sync renders it to DDL from
 * the same path expressions queries use, so the planner can match them, and rebuilds it when its rendering changes.
 *
 * @param name the suffix of the index name ({@code rf_doc_<document>_<name>})
 * @param path the indexed field
 * @param kind B-tree, GIN or full text
 * @param unique whether live documents may not share a value (B-tree only)
 */
public record IndexDefinition(String name, Path<?> path, Kind kind, boolean unique) {
    /** The kinds of index. */
    public enum Kind {
        /** On the field's typed value: equality, ranges, ordering. */
        BTREE,
        /** On the field's JSON value, {@code jsonb_path_ops}. */
        GIN,
        /** On the field's {@code tsvector}. */
        FULL_TEXT
    }

    /** Checks the index name and that only B-tree indexes are unique and full-text ones have a full-text path. */
    public IndexDefinition {
        Identifiers.requireSqlName("index", name);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if (unique && kind != Kind.BTREE) {
            throw new IllegalArgumentException("Only a B-tree index can be unique: " + name);
        }
        if (kind == Kind.FULL_TEXT && !(path instanceof FullTextPath)) {
            throw new IllegalArgumentException("A full-text index needs a FullTextPath: " + name);
        }
    }

    /** A B-tree index on {@code path}. */
    public static IndexDefinition btree(String name, Path<?> path, boolean unique) {
        return new IndexDefinition(name, path, Kind.BTREE, unique);
    }

    /** A GIN index on {@code path}'s JSON value. */
    public static IndexDefinition gin(String name, Path<?> path) {
        return new IndexDefinition(name, path, Kind.GIN, false);
    }

    /** A full-text index on {@code path}. */
    public static IndexDefinition fullText(String name, FullTextPath path) {
        return new IndexDefinition(name, path, Kind.FULL_TEXT, false);
    }

    /** The index's name in PostgreSQL, on the table of {@code document}. */
    public String indexName(String document) {
        return "rf_doc_" + document + "_" + name;
    }
}
