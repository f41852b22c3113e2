package io.rillflow.archive.internal;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.archive.ArchiveFormatException;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TenantColumn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an export file (see {@link ArchiveFormat}) into an empty schema, in one transaction: each line is checked, then
 * streamed to its table with COPY; any bad line, or a file that ends before its end record, rolls everything back.
 * Writers of the schema's streams and logs wait for the import to end, as it locks those tables at the start; so the
 * emptiness it checks first still holds when it commits.
 */
public final class SchemaImport {
    private static final Set<String> ID_TYPES = Set.of("uuid", "bigint", "text");

    private final Database database;
    private final String schema;
    private final String s;
    private final TenantColumn tenant;
    /** Where the import writes, for messages: the schema, or the tenant's rows of a conjoined one. */
    private final String into;

    /** The import into {@code schema}, written through {@code database}. */
    public SchemaImport(Database database, String schema) {
        this(database, schema, TenantColumn.NONE);
    }

    /**
     * The import into {@code tenant}'s rows of the conjoined {@code schema}; with {@link TenantColumn#NONE}, into the
     * whole schema. Events imported into a conjoined schema take new global positions from its sequence, in the file's
     * order: the original ones may belong to other tenants' events already.
     */
    public SchemaImport(Database database, String schema, TenantColumn tenant) {
        this.database = database;
        this.schema = schema;
        this.s = Identifiers.quote(schema);
        this.tenant = tenant;
        this.into = tenant.present() ? "tenant " + tenant.tenant() + " of schema " + schema : "schema " + schema;
    }

    /** See {@code StoreAdmin.importFrom(Path)}. */
    public ArchiveReport importFrom(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Cannot import " + file + " into " + into + ": there is no such file");
        }
        // In the order a tenant's partition() locks them (TablePartitions.lock); it locks the document tables before
        // these, and this reads them after, so the two can still deadlock (PostgreSQL then fails one whole).
        String lock = "lock table " + s + ".rf_idempotency_keys, " + s + ".rf_streams, " + s + ".rf_events, " + s
                + ".rf_snapshots, " + s + ".rf_stream_aliases in exclusive mode";
        return database.withoutTimeouts(
                "import " + file + " into " + into,
                c -> ArchiveFormat.inTransaction(c, lock, () -> {
                    requireEmpty(c, file);
                    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                            CopyStream copy = new CopyStream(c)) {
                        return new Reading(c, copy, file).all(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
                    }
                }));
    }

    private void requireEmpty(Connection c, Path file) throws SQLException {
        List<String> held = new ArrayList<>();
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("rf_streams", "streams");
        tables.put("rf_events", "events");
        tables.put("rf_stream_aliases", "stream aliases");
        tables.put("rf_idempotency_keys", "idempotency keys");
        tables.put("rf_snapshots", "snapshots");
        for (String name : ArchiveFormat.documentTables(c, schema).keySet()) {
            tables.put("rf_doc_" + name, "documents in rf_doc_" + name);
        }
        for (Map.Entry<String, String> table : tables.entrySet()) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select exists (select 1 from " + s + "."
                            + Identifiers.quote(table.getKey()) + tenant.whereClause() + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    held.add(table.getValue());
                }
            }
        }
        if (!held.isEmpty()) {
            throw new IllegalStateException("Cannot import " + file + " into " + into + ": it is not empty (it"
                    + " holds " + String.join(", ", held) + "); import only into an empty "
                    + (tenant.present() ? "tenant" : "schema") + ", such as a newly provisioned tenant's. Nothing was"
                    + " imported");
        }
    }

    /** The state of one import as it reads the file. */
    private final class Reading {
        private final Connection c;
        private final CopyStream copy;
        private final Path file;
        private final Map<String, String> idTypes = new LinkedHashMap<>();
        private final Map<String, Long> documents = new LinkedHashMap<>();
        private long streams;
        private long events;
        private long aliases;
        private long keys;
        private long snapshots;
        private long lastGlobalSeq;

        Reading(Connection c, CopyStream copy, Path file) {
            this.c = c;
            this.copy = copy;
            this.file = file;
        }

        ArchiveReport all(BufferedReader in) throws IOException, SQLException {
            String text = in.readLine();
            long line = 1;
            if (text == null) {
                throw new ArchiveFormatException(file, 1, "is missing: the file is empty, not a Rillflow export");
            }
            header(ArchiveRecord.parse(file, line, text));
            ArchiveReport report = null;
            while ((text = in.readLine()) != null) {
                line++;
                ArchiveRecord record = ArchiveRecord.parse(file, line, text);
                if (report != null) {
                    throw record.bad("follows the end record");
                }
                report = read(record);
            }
            if (report == null) {
                throw new ArchiveFormatException(
                        file, line, "is the last, and no end record follows: the file is truncated");
            }
            copy.end();
            if (lastGlobalSeq > 0 && !tenant.present()) {
                try (PreparedStatement p =
                        c.prepareStatement("select setval(pg_get_serial_sequence(?, 'global_seq'), ?)")) {
                    p.setString(1, s + ".rf_events");
                    p.setLong(2, lastGlobalSeq);
                    p.execute();
                }
            }
            return report;
        }

        private void header(ArchiveRecord record) {
            if (!record.kind().equals(ArchiveFormat.HEADER)) {
                throw record.bad("is not the header of a Rillflow export (its kind is \"" + record.kind() + "\", not \""
                        + ArchiveFormat.HEADER + "\")");
            }
            long version = record.number("version");
            if (version != ArchiveFormat.VERSION) {
                throw record.bad("says format version " + version + "; this version of Rillflow reads version "
                        + ArchiveFormat.VERSION);
            }
        }

        /** Stores one record; returns the report when it is the end record. */
        private ArchiveReport read(ArchiveRecord r) throws SQLException {
            switch (r.kind()) {
                case ArchiveFormat.TABLE -> table(r);
                case "document" -> document(r);
                case "stream" -> {
                    row(
                            "rf_streams (id, type, archived, created_at)",
                            r.uuid("id"),
                            r.optionalText("type"),
                            Boolean.toString(r.bool("archived")),
                            r.timestamp("createdAt"));
                    streams++;
                }
                case "event" -> event(r);
                case "alias" -> {
                    row(
                            "rf_stream_aliases (alias, stream_id, created_at)",
                            r.text("alias"),
                            r.uuid("streamId"),
                            r.timestamp("createdAt"));
                    aliases++;
                }
                case "idempotency_key" -> {
                    row(
                            "rf_idempotency_keys (stream_id, key, created_at)",
                            r.uuid("streamId"),
                            r.text("key"),
                            r.timestamp("createdAt"));
                    keys++;
                }
                case "snapshot" -> {
                    row(
                            "rf_snapshots (stream_id, aggregate_type, stream_version, schema_version, shape, state,"
                                    + " created_at)",
                            r.uuid("streamId"),
                            r.text("aggregateType"),
                            Long.toString(r.number("streamVersion")),
                            Integer.toString(r.integer("schemaVersion")),
                            r.text("shape"),
                            r.json("state"),
                            r.timestamp("createdAt"));
                    snapshots++;
                }
                case ArchiveFormat.END -> {
                    return end(r);
                }
                default ->
                    throw r.bad("has kind \"" + r.kind() + "\", which an export does not write; expected"
                            + " table, document, stream, event, alias, idempotency_key, snapshot or end");
            }
            return null;
        }

        private void table(ArchiveRecord r) throws SQLException {
            String name = r.text("name");
            String idType = r.text("idType");
            if (!ID_TYPES.contains(idType)) {
                throw r.bad("has \"idType\": \"" + idType + "\"; a document table's ids are uuid, bigint or text");
            }
            if (idTypes.containsKey(name)) {
                throw r.bad("declares table \"" + name + "\" a second time");
            }
            String ddl;
            try {
                ddl = DocumentTables.createTableDdl(schema, name, idType, tenant);
            } catch (InvalidIdentifierException | IllegalArgumentException e) {
                throw r.bad("names a table the store cannot have: " + e.getMessage());
            }
            copy.end();
            try (Statement st = c.createStatement()) {
                st.execute(ddl);
            }
            String actual = ArchiveFormat.documentTables(c, schema).get(name);
            if (!idType.equals(actual)) {
                throw r.bad("declares table rf_doc_" + name + " with " + idType + " ids, but that table in schema "
                        + schema + " has " + actual + " ids");
            }
            idTypes.put(name, idType);
            documents.put(name, 0L);
        }

        private void document(ArchiveRecord r) throws SQLException {
            String table = r.text("table");
            String idType = idTypes.get(table);
            if (idType == null) {
                throw r.bad("is a document of table \"" + table + "\", which no table record before it declares");
            }
            row(
                    Identifiers.quote("rf_doc_" + table) + " (id, data, version, created_at, updated_at, deleted_at,"
                            + " created_by, last_modified_by)",
                    r.id("id", idType),
                    r.json("data"),
                    Long.toString(r.number("version")),
                    r.timestamp("createdAt"),
                    r.timestamp("updatedAt"),
                    r.optionalTimestamp("deletedAt"),
                    r.optionalText("createdBy"),
                    r.optionalText("lastModifiedBy"));
            documents.merge(table, 1L, Long::sum);
        }

        private void event(ArchiveRecord r) throws SQLException {
            long globalSeq = r.number("globalSeq");
            if (globalSeq <= lastGlobalSeq) {
                throw r.bad("has globalSeq " + globalSeq + " after an event with " + lastGlobalSeq + "; an export"
                        + " lists events in ascending global order, each position once");
            }
            long streamSeq = r.number("streamSeq");
            if (streamSeq < 1) {
                throw r.bad("has streamSeq " + streamSeq + "; stream versions start at 1");
            }
            String[] values = {
                r.uuid("streamId"),
                Long.toString(streamSeq),
                r.text("type"),
                Integer.toString(r.integer("typeVersion")),
                r.json("data"),
                r.object("headers"),
                r.optionalUuid("causationId"),
                r.optionalUuid("correlationId"),
                r.timestamp("createdAt")
            };
            String columns = "stream_id, stream_seq, type, type_version, data, headers, causation_id, correlation_id,"
                    + " created_at";
            if (tenant.present()) {
                // The schema's sequence numbers them, in the file's order, after every position other tenants hold.
                row("rf_events (" + columns + ")", values);
            } else {
                String[] withSeq = new String[values.length + 1];
                withSeq[0] = Long.toString(globalSeq);
                System.arraycopy(values, 0, withSeq, 1, values.length);
                row("rf_events (global_seq, " + columns + ")", withSeq);
            }
            lastGlobalSeq = globalSeq;
            events++;
        }

        /**
         * Adds a row to {@code table (columns)} of the schema, in front of them the tenant column and the tenant when
         * the schema is conjoined.
         */
        private void row(String tableAndColumns, String... values) throws SQLException {
            int open = tableAndColumns.indexOf(" (");
            String sql = "copy " + s + "." + tableAndColumns.substring(0, open) + " (" + tenant.keyPrefix()
                    + tableAndColumns.substring(open + 2) + " from stdin";
            if (!tenant.present()) {
                copy.row(sql, values);
                return;
            }
            String[] withTenant = new String[values.length + 1];
            withTenant[0] = tenant.tenant();
            System.arraycopy(values, 0, withTenant, 1, values.length);
            copy.row(sql, withTenant);
        }

        private ArchiveReport end(ArchiveRecord r) {
            ArchiveReport read = new ArchiveReport(file, documents, streams, events, aliases, keys, snapshots);
            List<String> differ = new ArrayList<>();
            compare(differ, r, "documents", read.documentCount());
            compare(differ, r, "streams", streams);
            compare(differ, r, "events", events);
            compare(differ, r, "aliases", aliases);
            compare(differ, r, "idempotencyKeys", keys);
            compare(differ, r, "snapshots", snapshots);
            if (!differ.isEmpty()) {
                throw r.bad("is the end record, but its counts differ from the records before it ("
                        + String.join(", ", differ) + "): lines are missing or were added");
            }
            return read;
        }

        private void compare(List<String> differ, ArchiveRecord r, String field, long read) {
            long said = r.number(field);
            if (said != read) {
                differ.add(field + ": " + said + " in the end record, " + read + " read");
            }
        }
    }
}
