package io.rillflow.documents.internal;

import io.rillflow.documents.IndexDefinition;
import io.rillflow.internal.Identifiers;
import io.rillflow.query.FullTextPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The DDL of a declared index, and the fingerprint schema sync compares: both rendered from the same path
 * expressions queries use, so the planner matches them.
 */
public final class IndexDdl {
    /** How a comment written by schema sync starts: indexes carrying it are Rillflow's to compare and rebuild. */
    public static final String FINGERPRINT_PREFIX = "rillflow:sha256:";

    private IndexDdl() {}

    /** The DDL creating {@code index} on {@code table} when missing: for a table created in the same transaction. */
    public static String ddl(IndexDefinition index, String document, String quotedSchema, String table) {
        return "create " + (index.unique() ? "unique " : "") + "index if not exists "
                + Identifiers.quote(index.indexName(document)) + body(index, quotedSchema, table);
    }

    /** The DDL building {@code index} as {@code builtName} without blocking writes; it cannot run in a transaction. */
    public static String concurrentDdl(IndexDefinition index, String builtName, String quotedSchema, String table) {
        return "create " + (index.unique() ? "unique " : "") + "index concurrently " + Identifiers.quote(builtName)
                + body(index, quotedSchema, table);
    }

    /**
     * What schema sync compares: a hash of the definition as PostgreSQL receives it (kind, uniqueness, path and the
     * cast its type implies), independent of the schema and index names. It is stored as the index's comment.
     */
    public static String fingerprint(IndexDefinition index) {
        String definition = (index.unique() ? "unique" : "") + body(index, "{schema}", "{table}");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            return FINGERPRINT_PREFIX + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /**
     * The name a replacement is built under while the old index keeps serving queries: per document and definition,
     * so a build that a crash left behind is found and dropped by the next sync of the same definition.
     */
    public static String scratchName(String document, IndexDefinition index) {
        return "rf_doc_" + document + "_new_"
                + fingerprint(index).substring(FINGERPRINT_PREFIX.length()).substring(0, 8);
    }

    private static String body(IndexDefinition index, String quotedSchema, String table) {
        String expression =
                switch (index.kind()) {
                    case BTREE -> "((" + index.path().typedExpression(quotedSchema) + "))";
                    case GIN -> "using gin (" + index.path().jsonExpression() + " jsonb_path_ops)";
                    case FULL_TEXT -> "using gin ((" + ((FullTextPath) index.path()).vectorExpression() + "))";
                };
        return " on " + table + " " + expression + (index.unique() ? " where deleted_at is null" : "");
    }
}
