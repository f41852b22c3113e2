package io.rillflow.documents.internal;

import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TenantColumn;
import io.rillflow.sql.SqlFragments;

/**
 * The SQL of one document table, decided once per table so every call sends identical text (and PostgreSQL and the
 * driver reuse prepared plans). Generated repositories use the same statements.
 *
 * <p>Columns: {@code id}, {@code data jsonb}, {@code version}, {@code created_at}, {@code updated_at},
 * {@code deleted_at} (soft delete), {@code created_by} and {@code last_modified_by} (the actor of the first and of
 * the last write, {@link SqlFragments#ACTOR}: inserts take both from the columns' defaults, so COPY sets them too, and
 * every statement that changes a row sets {@code last_modified_by}).
 *
 * <p>In a conjoined schema the table has {@code tenant_id} in front of {@code id}, in its primary key and in every
 * conflict target, and every statement names the store's tenant as a literal ({@link TenantColumn}); in any other
 * schema the statements are exactly those of a table without the column. A statement that writes rows it first
 * selected ({@code locked}, {@code u}) filters the tenant again on the rows it writes: ids repeat across tenants.
 */
public final class DocumentStatements {
    /** The longest document name that leaves room for the {@code rf_doc_} prefix and index suffixes. */
    static final int MAX_NAME = 40;

    /** The assignment every statement that changes a row makes, so that the actor of each write is recorded. */
    private static final String MODIFIED_BY = ", last_modified_by = " + SqlFragments.ACTOR;

    private final String name;
    private final String table;
    private final String schema;
    private final String idColumnType;
    private final TenantColumn tenant;
    /** {@code "tenant_id = 'acme' and "} or nothing, in front of the other conditions of a statement. */
    private final String only;

    DocumentStatements(String schema, String name, String idColumnType, TenantColumn tenant) {
        this.name = name;
        this.tenant = tenant;
        this.only = tenant.andPrefix();
        this.schema = Identifiers.quote(schema);
        this.table = this.schema + "." + Identifiers.quote("rf_doc_" + name);
        this.idColumnType = idColumnType;
    }

    /** The document name, e.g. {@code customer}. */
    public String name() {
        return name;
    }

    /** The quoted schema name. */
    public String quotedSchema() {
        return schema;
    }

    /** The quoted, schema-qualified table name. */
    public String table() {
        return table;
    }

    /** The tenant every statement names, {@link TenantColumn#NONE} outside a conjoined schema. */
    public TenantColumn tenant() {
        return tenant;
    }

    /** The DDL creating the table and its default GIN index when missing. */
    public String createTable() {
        String key = tenant.present()
                ? tenant.columnDefinition() + "id " + idColumnType + " not null,"
                : "id " + idColumnType + " primary key,";
        String primaryKey = tenant.present() ? ", primary key (" + tenant.keyPrefix() + "id)" : "";
        return "create table if not exists " + table + " (" + key
                + " data jsonb not null, version bigint not null default 1,"
                + " created_at timestamptz not null default now(), updated_at timestamptz not null default now(),"
                + " deleted_at timestamptz, " + ActorColumns.CREATED_BY + ", " + ActorColumns.LAST_MODIFIED_BY
                + primaryKey
                + ");\n"
                + "create index if not exists " + Identifiers.quote(dataIndexName(name)) + " on " + table
                + " using gin (data jsonb_path_ops)";
    }

    /** The name of the GIN index on the whole body that every document table has. */
    static String dataIndexName(String document) {
        return "rf_doc_" + document + "_data_gin";
    }

    /** Live document by id: data, version. */
    public String get() {
        return "select data::text, version from " + table + " where " + only + "id = ? and deleted_at is null";
    }

    /**
     * Any document by id, soft-deleted ones included, with its metadata: data, version, created_at, updated_at,
     * deleted_at, created_by, last_modified_by. A statement of its own so that {@link #get()} stays as lean as it is.
     */
    public String getWithMetadata() {
        return "select data::text, version, created_at, updated_at, deleted_at, created_by, last_modified_by from "
                + table + " where " + only + "id = ?";
    }

    /**
     * The ids of the rows whose body is exactly the given JSON (at most three), to name a document that cannot be read;
     * containment lets the body's GIN index find them.
     */
    public String idsOfBody() {
        return "select id::text from " + table + " where " + only
                + "data @> ?::jsonb and data = ?::jsonb order by id limit 3";
    }

    /** Current version of any row, soft-deleted or not: to report conflicts. */
    public String currentVersion() {
        return "select version, deleted_at is not null from " + table + " where " + only + "id = ?";
    }

    /** Insert or overwrite (and undelete): (id, data) returning version. */
    public String upsert() {
        return "insert into " + table + " as d (" + tenant.keyPrefix() + "id, data) values (" + tenant.valuePrefix()
                + "?, ?::jsonb) on conflict (" + tenant.keyPrefix() + "id) do update"
                + " set data = excluded.data, version = d.version + 1, updated_at = now(), deleted_at = null"
                + MODIFIED_BY + " returning d.version";
    }

    /** Insert only when no row has the id: (id, data) returning version. */
    public String insert() {
        return "insert into " + table + " (" + tenant.keyPrefix() + "id, data) values (" + tenant.valuePrefix()
                + "?, ?::jsonb) on conflict (" + tenant.keyPrefix() + "id) do nothing returning version";
    }

    /** Overwrite when the version matches: (data, id, expected) returning version. */
    public String replace() {
        return "update " + table + " set data = ?::jsonb, version = version + 1, updated_at = now(), deleted_at = null"
                + MODIFIED_BY + " where " + only + "id = ? and version = ? returning version";
    }

    /**
     * Server-side patch of {@code fields} paths: parameters are (path text[], value jsonb) per field, then id, then
     * the expected version when {@code checked}; returns the new version.
     */
    public String patch(int fields, boolean checked) {
        String expression = "data";
        for (int i = 0; i < fields; i++) {
            expression = schema + ".rf_jsonb_set_deep(" + expression + ", ?::text[], ?::jsonb)";
        }
        return "update " + table + " set data = " + expression + ", version = version + 1, updated_at = now()"
                + MODIFIED_BY + " where " + only + "id = ? and deleted_at is null" + (checked ? " and version = ?" : "")
                + " returning version";
    }

    /** One field of a live document as JSON text: (path text[], id). */
    public String getField() {
        return "select data #> ?::text[] from " + table + " where " + only + "id = ? and deleted_at is null";
    }

    /** Hard delete: (id). */
    public String delete() {
        return "delete from " + table + " where " + only + "id = ?";
    }

    /** Soft delete of a live document: (id). */
    public String softDelete() {
        return "update " + table + " set deleted_at = now(), version = version + 1, updated_at = now()" + MODIFIED_BY
                + " where " + only + "id = ? and deleted_at is null returning version";
    }

    /** Restore of a soft-deleted document: (id). */
    public String restore() {
        return "update " + table + " set deleted_at = null, version = version + 1, updated_at = now()" + MODIFIED_BY
                + " where " + only + "id = ? and deleted_at is not null returning version";
    }

    /**
     * Insert or overwrite many (and undelete), one row per element of the arrays: (ids, bodies as text[]) returning
     * id, version. Each id at most once: ON CONFLICT cannot touch a row twice in one statement. Rows go in id order,
     * the order in which every bulk statement locks, so that two of them never wait for each other in a circle.
     */
    public String bulkUpsert() {
        return "insert into " + table + " as d (" + tenant.keyPrefix() + "id, data) select " + tenant.valuePrefix()
                + "u.id, u.data::jsonb from unnest(?::" + idColumnType + "[], ?::text[]) as u(id, data) order by u.id"
                + " on conflict (" + tenant.keyPrefix() + "id) do update"
                + " set data = excluded.data, version = d.version + 1, updated_at = now(), deleted_at = null"
                + MODIFIED_BY + " returning d.id, d.version";
    }

    /**
     * Overwrite many live documents where each version matches: (ids, bodies as text[], expected versions) returning
     * id, version of those written. The rows are locked in id order first (see {@link #bulkUpsert()}).
     */
    public String bulkReplace() {
        return "with u as (select * from unnest(?::" + idColumnType + "[], ?::text[], ?::bigint[])"
                + " as u(id, data, expected)), " + lockedIn("(select id from u)")
                + " update " + table + " as d set data = u.data::jsonb, version = d.version + 1, updated_at = now()"
                + MODIFIED_BY + " from u where " + tenant.andPrefix("d")
                + "d.id = u.id and d.version = u.expected and d.deleted_at is null"
                + " and d.id in (select id from locked) returning d.id, d.version";
    }

    /**
     * Insert many documents whose ids are free, skipping the taken ones: (ids, bodies as text[]) returning id, version
     * of those inserted, so the caller names the others as conflicts.
     */
    public String bulkInsertNew() {
        return "insert into " + table + " (" + tenant.keyPrefix() + "id, data) select " + tenant.valuePrefix()
                + "u.id, u.data::jsonb from unnest(?::" + idColumnType + "[], ?::text[]) as u(id, data) order by u.id"
                + " on conflict (" + tenant.keyPrefix() + "id) do nothing returning id, version";
    }

    /**
     * Hard delete of many documents, each only if its version is the expected one or the expected one is negative
     * (unchecked): (ids, expected versions) returning id of those deleted, locking in id order first.
     */
    public String bulkDeleteChecked() {
        return "with u as (select * from unnest(?::" + idColumnType + "[], ?::bigint[]) as u(id, expected)), "
                + lockedIn("(select id from u)") + " delete from " + table + " as d using u where "
                + tenant.andPrefix("d") + "d.id = u.id"
                + " and (u.expected < 0 or d.version = u.expected) and d.id in (select id from locked)"
                + " returning d.id";
    }

    /** Version and soft deletion of the rows among (ids), to report conflicts: id, version, deleted. */
    public String currentVersions() {
        return "select id, version, deleted_at is not null from " + table + " where " + only + "id = any(?::"
                + idColumnType + "[])";
    }

    /** Hard delete of (ids), locking in id order first. */
    public String bulkDelete() {
        return "with " + lockedIn("any(?::" + idColumnType + "[])") + " delete from " + table + " where " + only
                + "id in (select id from locked)";
    }

    /** Soft delete of the live documents among (ids), locking in id order first. */
    public String bulkSoftDelete() {
        return "with " + lockedIn("any(?::" + idColumnType + "[])") + " update " + table
                + " set deleted_at = now(), version = version + 1, updated_at = now()"
                + MODIFIED_BY + " where " + only + "id in (select id from locked) and deleted_at is null";
    }

    /** A CTE {@code locked} of the ids {@code = ids} or {@code in ids}, locked in id order. */
    private String lockedIn(String ids) {
        String condition = ids.startsWith("any(") ? "= " + ids : "in " + ids;
        return "locked as (select l.id from " + table + " l where " + tenant.andPrefix("l") + "l.id " + condition
                + " order by l.id for update)";
    }

    /** COPY of (id, data) rows in text format, each row as {@link #copyRow} makes it. */
    public String copyIn() {
        return "copy " + table + " (" + tenant.keyPrefix() + "id, data) from stdin";
    }

    /** The values of one row of {@link #copyIn()}: the tenant's rows name it, as COPY sends no default per tenant. */
    public String[] copyRow(String id, String body) {
        return tenant.present() ? new String[] {tenant.tenant(), id, body} : new String[] {id, body};
    }

    /** Hard delete of every document of the tenant (of the table, outside a conjoined schema). */
    public String deleteAll() {
        return "delete from " + table + tenant.whereClause();
    }
}
