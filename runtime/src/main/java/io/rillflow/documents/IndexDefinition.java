package io.rillflow.documents;

import io.rillflow.internal.Identifiers;
import io.rillflow.query.FullTextPath;
import io.rillflow.query.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An index on a document field, declared with {@code @Index} or {@code @FullText} and rendered to DDL by the store
 * from the same path expressions queries use, so the planner can match them.
 *
 * @param name the suffix of the index name ({@code rf_doc_<document>_<name>})
 * @param path the indexed field
 * @param kind B-tree, GIN or full text
 * @param unique whether live documents may not share a value (B-tree only)
 */
public record IndexDefinition(String name, Path<?> path, Kind kind, boolean unique) {
    /** How a comment written by schema sync starts: indexes carrying it are Rillflow's to compare and rebuild. */
    static final String FINGERPRINT_PREFIX = "rillflow:sha256:";

    /** The kinds of index. */
    public enum Kind {
        /** On the field's typed value: equality, ranges, ordering. */
        BTREE,
        /** On the field's JSON value, {@code jsonb_path_ops}. */
        GIN,
        /** On the field's {@code tsvector}. */
        FULL_TEXT
    }

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

    /** The index's name in PostgreSQL. */
    String indexName(String document) {
        return "rf_doc_" + document + "_" + name;
    }

    /** The DDL creating this index on {@code table} when missing: for a table created in the same transaction. */
    String ddl(String document, String quotedSchema, String table) {
        return "create " + (unique ? "unique " : "") + "index if not exists " + Identifiers.quote(indexName(document))
                + body(quotedSchema, table);
    }

    /**
     * The DDL building this index as {@code builtName} without blocking writes; it cannot run inside a transaction.
     */
    String concurrentDdl(String builtName, String quotedSchema, String table) {
        return "create " + (unique ? "unique " : "") + "index concurrently " + Identifiers.quote(builtName)
                + body(quotedSchema, table);
    }

    /**
     * What schema sync compares: a hash of the definition as PostgreSQL receives it (kind, uniqueness, path and the
     * cast its type implies), independent of the schema and index names. It is stored as the index's comment.
     */
    String fingerprint() {
        String definition = (unique ? "unique" : "") + body("{schema}", "{table}");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            return FINGERPRINT_PREFIX + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private String body(String quotedSchema, String table) {
        String expression =
                switch (kind) {
                    case BTREE -> "((" + path.typedExpression(quotedSchema) + "))";
                    case GIN -> "using gin (" + path.jsonExpression() + " jsonb_path_ops)";
                    case FULL_TEXT -> "using gin ((" + ((FullTextPath) path).vectorExpression() + "))";
                };
        return " on " + table + " " + expression + (unique ? " where deleted_at is null" : "");
    }
}
