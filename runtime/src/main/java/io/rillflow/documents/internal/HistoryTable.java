package io.rillflow.documents.internal;

import io.rillflow.documents.DocumentDefinition;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TenantColumn;
import io.rillflow.schema.internal.SchemaParticipant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The history of one document type ({@code @Document(history = true)}): a table {@code rf_doc_<name>_history} with
 * every version of every document, filled by statement triggers on the document table. Triggers rather than statements in
 * each write path, because every writer (put, patch, the bulk statements and COPY, a session's batch, an application's
 * own SQL) then records its versions in its own transaction without knowing about history: a rolled-back write leaves
 * no version behind, a committed one cannot miss its row.
 *
 * <p>Rows are keyed by {@code seq}, an identity, not by (id, version): a document deleted for good and stored again
 * starts again at version 1. For one id, {@code seq} follows the order of the writes, since each write holds the row's
 * lock (or, for an insert after a delete, waits on the deleter) until it commits. {@code changed_at} is the clock at
 * the time of the write rather than the transaction's start, so that it grows with {@code seq} for one id even when a
 * writer waited for another's lock.
 *
 * <p>In a conjoined schema the history rows carry the document's tenant, copied by the triggers, and reads filter it.
 *
 * <p>Turning history off leaves the table and its rows where they are; schema sync drops only the triggers and their
 * function, so nothing records any more.
 */
final class HistoryTable {
    private final DocumentStatements document;
    private final String idColumnType;
    private final String table;
    private final String function;

    HistoryTable(DocumentStatements document, String idColumnType) {
        this.document = document;
        this.idColumnType = idColumnType;
        String name = tableName(document.name());
        this.table = document.quotedSchema() + "." + Identifiers.quote(name);
        this.function = table;
    }

    /** The history table's unquoted name: {@code rf_doc_<document>_history}. */
    static String tableName(String document) {
        return "rf_doc_" + document + "_history";
    }

    /**
     * Checks that no declared document's history table is the table of another declared document (a document
     * {@code order} with history beside one named {@code order_history}): the processor refuses that within one
     * compilation, this catches it across registries.
     *
     * @param declared the declared documents by name
     */
    static void requireOwnTables(Map<String, DocumentDefinition<?, ?>> declared) {
        for (DocumentDefinition<?, ?> definition : declared.values()) {
            DocumentDefinition<?, ?> owner = definition.history() ? declared.get(definition.name() + "_history") : null;
            if (owner != null) {
                throw new IllegalArgumentException("Document \"" + definition.name() + "\" ("
                        + definition.type().getName()
                        + ") keeps its history in the table " + tableName(definition.name()) + ", which is the table"
                        + " of document \"" + owner.name() + "\" ("
                        + owner.type().getName() + "): give one of them"
                        + " another @Document(name = \"...\")");
            }
        }
    }

    /** The quoted, schema-qualified history table. */
    String table() {
        return table;
    }

    /** The tenant the history reads filter, as the document table's statements do. */
    TenantColumn tenant() {
        return document.tenant();
    }

    /** The DDL creating the table, its index, the trigger function and the triggers; each can run again. */
    List<String> create() {
        TenantColumn tenant = document.tenant();
        // The tenant is the document's, whichever tenant wrote: one function serves all tenants' statements.
        String newKey = tenant.present() ? "n." + TenantColumn.NAME + ", " : "";
        String oldKey = tenant.present() ? "o." + TenantColumn.NAME + ", " : "";
        String columns = " (" + tenant.keyPrefix() + "id, version, operation, data, changed_at, changed_by)\n";
        String changedBy = "nullif(current_setting('rillflow.actor', true), '')";
        List<String> ddl = new ArrayList<>(List.of(
                "create table if not exists " + table + " (seq bigint generated always as identity primary key,"
                        + " " + tenant.columnDefinition() + "id " + idColumnType
                        + " not null, version bigint not null, operation text not null,"
                        + " data jsonb not null, changed_at timestamptz not null, changed_by text)",
                "create index if not exists " + Identifiers.quote(tableName(document.name()) + "_id") + " on " + table
                        + " (" + tenant.keyPrefix() + "id, seq)",
                "create or replace function " + function + "() returns trigger language plpgsql as $rf$\n"
                        + "begin\n"
                        + "  if tg_op = 'INSERT' then\n"
                        + "    insert into " + table + columns
                        + "    select " + newKey + "n.id, n.version, 'insert', n.data, clock_timestamp(), " + changedBy
                        + "\n"
                        + "    from new_rows n order by n.id;\n"
                        + "  elsif tg_op = 'UPDATE' then\n"
                        + "    insert into " + table + columns
                        + "    select " + newKey + "n.id, n.version, case\n"
                        + "        when o.deleted_at is null and n.deleted_at is not null then 'soft_delete'\n"
                        + "        when o.deleted_at is not null and n.deleted_at is null then 'restore'\n"
                        + "        else 'update' end, n.data, clock_timestamp(), " + changedBy + "\n"
                        + "    from new_rows n join old_rows o on "
                        + (tenant.present() ? "o.tenant_id = n.tenant_id and " : "")
                        + "o.id = n.id where n.version <> o.version"
                        + " order by n.id;\n"
                        + "  else\n"
                        + "    insert into " + table + columns
                        + "    select " + oldKey + "o.id, o.version + 1, 'delete', o.data, clock_timestamp(), "
                        + changedBy + "\n"
                        + "    from old_rows o order by o.id;\n"
                        + "  end if;\n"
                        + "  return null;\n"
                        + "end\n"
                        + "$rf$"));
        for (Event event : Event.values()) {
            ddl.add("create or replace trigger " + trigger(event) + " after " + event.sql + " on " + document.table()
                    + " referencing " + event.transitionTables + " for each statement execute function " + function
                    + "()");
        }
        return ddl;
    }

    /** The DDL that stops recording: the triggers and their function go, the table and its rows stay. */
    List<String> stop() {
        List<String> ddl = new ArrayList<>();
        for (Event event : Event.values()) {
            ddl.add("drop trigger if exists " + trigger(event) + " on " + document.table());
        }
        ddl.add("drop function if exists " + function + "()");
        return ddl;
    }

    /**
     * The three statement triggers: one per event, because a trigger with transition tables serves one event only.
     * Statement triggers rather than row triggers: a bulk write of 1,000 documents then records them with one insert
     * instead of a thousand trigger calls.
     */
    private enum Event {
        INSERT("insert", "new table as new_rows"),
        UPDATE("update", "old table as old_rows new table as new_rows"),
        DELETE("delete", "old table as old_rows");

        private final String sql;
        private final String transitionTables;

        Event(String sql, String transitionTables) {
            this.sql = sql;
            this.transitionTables = transitionTables;
        }
    }

    private String trigger(Event event) {
        return Identifiers.quote(tableName(document.name()) + "_" + event.sql);
    }

    /**
     * What schema sync must do for a document that keeps ({@code wanted}) or does not keep history: create the table
     * and trigger if either is missing, or drop a trigger left from when it did.
     */
    SchemaParticipant.Changes changes(Connection connection, boolean wanted) throws SQLException {
        boolean recording = recording(connection);
        if (wanted && !(complete(connection) && exists(connection))) {
            return new SchemaParticipant.Changes(create(), List.of(), List.of());
        }
        if (wanted && lacksTenant(connection)) {
            return new SchemaParticipant.Changes(conjoin(), List.of(), List.of());
        }
        if (!wanted && recording) {
            return new SchemaParticipant.Changes(stop(), List.of(), List.of());
        }
        return SchemaParticipant.Changes.NONE;
    }

    /** Creates what is missing, on the connection that just created or checked the document table. */
    void ensure(Connection connection) throws SQLException {
        boolean ready = complete(connection) && exists(connection);
        if (ready && !lacksTenant(connection)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            for (String ddl : ready ? conjoin() : create()) {
                s.execute(ddl);
            }
        }
    }

    /** Whether the store is conjoined but the history table, kept from a single-tenant schema, has no tenant column. */
    private boolean lacksTenant(Connection connection) throws SQLException {
        return document.tenant().present() && exists(connection) && !TenantKey.has(connection, table);
    }

    /**
     * The DDL giving a single-tenant history table the tenant column (its rows become the default tenant's), then the
     * index and trigger function that name it.
     */
    private List<String> conjoin() {
        List<String> ddl = new ArrayList<>();
        ddl.add(TenantKey.addColumn(table));
        ddl.add("drop index if exists " + document.quotedSchema() + "."
                + Identifiers.quote(tableName(document.name()) + "_id"));
        ddl.addAll(create());
        return ddl;
    }

    private boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("select to_regclass(?) is not null")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Whether the document table has all three history triggers. */
    private boolean complete(Connection connection) throws SQLException {
        return triggers(connection) == Event.values().length;
    }

    /** Whether the document table has any of the history triggers. */
    private boolean recording(Connection connection) throws SQLException {
        return triggers(connection) > 0;
    }

    /** How many of the three history triggers the document table has. */
    private int triggers(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "select count(*) from pg_trigger where tgrelid = to_regclass(?) and tgname like ?")) {
            p.setString(1, document.table());
            p.setString(2, tableName(document.name()).replace("_", "\\_") + "\\_%");
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
