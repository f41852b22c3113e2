package io.rillflow.documents.internal;

import io.rillflow.documents.DocumentDefinition;
import io.rillflow.internal.Identifiers;
import io.rillflow.schema.internal.SchemaParticipant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The history of one document type ({@code @Document(history = true)}): a table {@code rf_doc_<name>_history} with
 * every version of every document, filled by a row trigger on the document table. A trigger rather than statements in
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
 * <p>Turning history off leaves the table and its rows where they are; schema sync drops only the trigger and its
 * function, so nothing records any more.
 */
final class HistoryTable {
    private final DocumentStatements document;
    private final String idColumnType;
    private final String table;
    private final String function;
    private final String trigger;

    HistoryTable(DocumentStatements document, String idColumnType) {
        this.document = document;
        this.idColumnType = idColumnType;
        String name = tableName(document.name());
        this.table = document.quotedSchema() + "." + Identifiers.quote(name);
        this.function = table;
        this.trigger = Identifiers.quote(name);
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

    /** The DDL creating the table, its index, the trigger function and the trigger; each can run again. */
    List<String> create() {
        String changedBy = "nullif(current_setting('rillflow.actor', true), '')";
        return List.of(
                "create table if not exists " + table + " (seq bigint generated always as identity primary key,"
                        + " id " + idColumnType + " not null, version bigint not null, operation text not null,"
                        + " data jsonb not null, changed_at timestamptz not null, changed_by text)",
                "create index if not exists " + Identifiers.quote(tableName(document.name()) + "_id") + " on " + table
                        + " (id, seq)",
                "create or replace function " + function + "() returns trigger language plpgsql as $rf$\n"
                        + "begin\n"
                        + "  if tg_op = 'DELETE' then\n"
                        + "    insert into " + table + " (id, version, operation, data, changed_at, changed_by)\n"
                        + "      values (old.id, old.version + 1, 'delete', old.data, clock_timestamp(), "
                        + changedBy + ");\n"
                        + "  elsif tg_op = 'INSERT' or new.version <> old.version then\n"
                        + "    insert into " + table + " (id, version, operation, data, changed_at, changed_by)\n"
                        + "      values (new.id, new.version, case\n"
                        + "        when tg_op = 'INSERT' then 'insert'\n"
                        + "        when old.deleted_at is null and new.deleted_at is not null then 'soft_delete'\n"
                        + "        when old.deleted_at is not null and new.deleted_at is null then 'restore'\n"
                        + "        else 'update' end, new.data, clock_timestamp(), " + changedBy + ");\n"
                        + "  end if;\n"
                        + "  return null;\n"
                        + "end\n"
                        + "$rf$",
                "create or replace trigger " + trigger + " after insert or update or delete on " + document.table()
                        + " for each row execute function " + function + "()");
    }

    /** The DDL that stops recording: the trigger and its function go, the table and its rows stay. */
    List<String> stop() {
        return List.of(
                "drop trigger if exists " + trigger + " on " + document.table(),
                "drop function if exists " + function + "()");
    }

    /**
     * What schema sync must do for a document that keeps ({@code wanted}) or does not keep history: create the table
     * and trigger if either is missing, or drop a trigger left from when it did.
     */
    SchemaParticipant.Changes changes(Connection connection, boolean wanted) throws SQLException {
        boolean recording = recording(connection);
        if (wanted && !(recording && exists(connection))) {
            return new SchemaParticipant.Changes(create(), List.of(), List.of());
        }
        if (!wanted && recording) {
            return new SchemaParticipant.Changes(stop(), List.of(), List.of());
        }
        return SchemaParticipant.Changes.NONE;
    }

    /** Creates what is missing, on the connection that just created or checked the document table. */
    void ensure(Connection connection) throws SQLException {
        if (recording(connection) && exists(connection)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            for (String ddl : create()) {
                s.execute(ddl);
            }
        }
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

    /** Whether the document table has the history trigger. */
    private boolean recording(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "select exists (select 1 from pg_trigger where tgrelid = to_regclass(?) and tgname = ?)")) {
            p.setString(1, document.table());
            p.setString(2, tableName(document.name()));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
