package io.rillflow.documents.internal;

import io.rillflow.documents.IndexDefinition;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.Sha256;
import io.rillflow.internal.TenantColumn;
import io.rillflow.query.FullTextPath;

/**
 * The DDL of a declared index, and the fingerprint schema sync compares: both rendered from the same path
 * expressions queries use, so the planner matches them.
 *
 * <p>In a conjoined schema a unique index starts with {@code tenant_id}, so that each tenant's values are unique among
 * its own documents and two tenants may hold the same one. Its fingerprint differs from the single-tenant one, so
 * schema sync rebuilds the unique indexes of a table it makes conjoined. Other indexes are the same in both.
 */
public final class IndexDdl {
    /** How a comment written by schema sync starts: indexes carrying it are Rillflow's to compare and rebuild. */
    public static final String FINGERPRINT_PREFIX = "rillflow:sha256:";

    private IndexDdl() {}

    /**
     * The DDL creating {@code index} on {@code table} when missing: for a table created in the same transaction.
     *
     * @param conjoined whether the table has a tenant column
     */
    public static String ddl(
            IndexDefinition index, String document, String quotedSchema, String table, boolean conjoined) {
        return "create " + (index.unique() ? "unique " : "") + "index if not exists "
                + Identifiers.quote(index.indexName(document)) + body(index, quotedSchema, table, conjoined);
    }

    /** The DDL building {@code index} as {@code builtName} without blocking writes; it cannot run in a transaction. */
    public static String concurrentDdl(
            IndexDefinition index, String builtName, String quotedSchema, String table, boolean conjoined) {
        return "create " + (index.unique() ? "unique " : "") + "index concurrently " + Identifiers.quote(builtName)
                + body(index, quotedSchema, table, conjoined);
    }

    /**
     * The DDL creating {@code index} as {@code builtName} on the partitioned {@code table} alone, not on its partitions:
     * an invalid index, at once, that each partition's index built concurrently is then attached to (PostgreSQL builds
     * no index concurrently on a partitioned table).
     */
    public static String parentOnlyDdl(
            IndexDefinition index, String builtName, String quotedSchema, String table, boolean conjoined) {
        return "create " + (index.unique() ? "unique " : "") + "index " + Identifiers.quote(builtName)
                + body(index, quotedSchema, "only " + table, conjoined);
    }

    /**
     * What schema sync compares: a hash of the definition as PostgreSQL receives it (kind, uniqueness, path and the
     * cast its type implies), independent of the schema and index names. It is stored as the index's comment.
     */
    public static String fingerprint(IndexDefinition index) {
        return fingerprint(index, false);
    }

    /** As {@link #fingerprint(IndexDefinition)}, for a table with a tenant column when {@code conjoined}. */
    public static String fingerprint(IndexDefinition index, boolean conjoined) {
        String definition = (index.unique() ? "unique" : "") + body(index, "{schema}", "{table}", conjoined);
        return FINGERPRINT_PREFIX + Sha256.hex(definition);
    }

    /**
     * The name a replacement is built under while the old index keeps serving queries: per document and definition,
     * so a build that a crash left behind is found and dropped by the next sync of the same definition.
     */
    public static String scratchName(String document, IndexDefinition index, boolean conjoined) {
        return "rf_doc_" + document + "_new_"
                + fingerprint(index, conjoined)
                        .substring(FINGERPRINT_PREFIX.length())
                        .substring(0, 8);
    }

    private static String body(IndexDefinition index, String quotedSchema, String table, boolean conjoined) {
        String tenant = conjoined && index.unique() ? TenantColumn.NAME + ", " : "";
        String expression =
                switch (index.kind()) {
                    case BTREE -> "(" + tenant + "(" + index.path().typedExpression(quotedSchema) + "))";
                    case GIN -> "using gin (" + index.path().jsonExpression() + " jsonb_path_ops)";
                    case FULL_TEXT -> "using gin ((" + ((FullTextPath) index.path()).vectorExpression() + "))";
                };
        return " on " + table + " " + expression + (index.unique() ? " where deleted_at is null" : "");
    }
}
