package io.rillflow.archive.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TenantColumn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one schema's data, or one tenant's rows of a conjoined schema, as JSON lines (the format is
 * {@link ArchiveFormat}'s; the tenant column is left out, so the file is the same for both). PostgreSQL builds each line, so a
 * row crosses the JVM as one string, parsed by nobody; the driver fetches rows in batches from a cursor (the
 * transaction is needed for that), so neither side holds a table in memory.
 */
public final class SchemaExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH = 500;

    private final Database database;
    private final String schema;
    private final String s;
    private final TenantColumn tenant;
    /** What is exported, for messages: the schema, or the tenant's rows of a conjoined one. */
    private final String what;

    /** The export of {@code schema}'s data, read through {@code database}. */
    public SchemaExport(Database database, String schema) {
        this(database, schema, TenantColumn.NONE);
    }

    /**
     * The export of {@code tenant}'s rows of the conjoined {@code schema}; with {@link TenantColumn#NONE}, of the whole
     * schema. The file is the same either way, so it imports into a tenant of either strategy.
     */
    public SchemaExport(Database database, String schema, TenantColumn tenant) {
        this.database = database;
        this.schema = schema;
        this.s = Identifiers.quote(schema);
        this.tenant = tenant;
        this.what = tenant.present() ? "tenant " + tenant.tenant() + " of schema " + schema : "schema " + schema;
    }

    /** See {@code StoreAdmin.export(Path, boolean)}. */
    public ArchiveReport export(Path file, boolean snapshots) {
        if (Files.exists(file)) {
            throw new IllegalArgumentException("Cannot export " + what + " to " + file
                    + ": the file exists; choose another name or delete it (an export never overwrites a file)");
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            ArchiveReport report;
            try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                report = database.withoutTimeouts(
                        "export " + what,
                        c -> ArchiveFormat.inTransaction(
                                c,
                                "set transaction isolation level repeatable read, read only",
                                () -> write(c, out, file, snapshots)));
            }
            move(part, file);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot export " + what + " to " + file + ": " + e, e);
        } finally {
            deleteQuietly(part);
        }
    }

    private ArchiveReport write(Connection c, Writer out, Path file, boolean snapshots) throws SQLException {
        ObjectNode header = JSON.createObjectNode()
                .put("kind", ArchiveFormat.HEADER)
                .put("version", ArchiveFormat.VERSION)
                .put("schema", schema)
                .put("exportedAt", Instant.now().toString());
        if (tenant.present()) {
            header.put("tenant", tenant.tenant());
        }
        line(out, header.toString());
        Map<String, Long> documents = new LinkedHashMap<>();
        for (Map.Entry<String, String> table :
                ArchiveFormat.documentTables(c, schema).entrySet()) {
            String name = table.getKey();
            line(
                    out,
                    JSON.createObjectNode()
                            .put("kind", ArchiveFormat.TABLE)
                            .put("name", name)
                            .put("idType", table.getValue())
                            .toString());
            documents.put(
                    name,
                    rows(
                            c,
                            out,
                            "select json_build_object('kind', 'document', 'table', ?, 'id', id, 'version', version,"
                                    + " 'createdAt', created_at, 'updatedAt', updated_at, 'deletedAt', deleted_at,"
                                    + " 'createdBy', created_by, 'lastModifiedBy', last_modified_by, 'data', data)"
                                    + " from " + s + "." + Identifiers.quote("rf_doc_" + name) + tenant.whereClause()
                                    + " order by id",
                            name));
        }
        long streams = rows(
                c,
                out,
                "select json_build_object('kind', 'stream', 'id', id, 'type', type, 'archived', archived,"
                        + " 'createdAt', created_at) from " + s + ".rf_streams" + tenant.whereClause()
                        + " order by created_at, id");
        long events = rows(
                c,
                out,
                "select json_build_object('kind', 'event', 'globalSeq', global_seq, 'streamId', stream_id,"
                        + " 'streamSeq', stream_seq, 'type', type, 'typeVersion', type_version, 'data', data,"
                        + " 'headers', headers, 'causationId', causation_id, 'correlationId', correlation_id,"
                        + " 'createdAt', created_at) from " + s + ".rf_events" + tenant.whereClause()
                        + " order by global_seq");
        long aliases = rows(
                c,
                out,
                "select json_build_object('kind', 'alias', 'alias', alias, 'streamId', stream_id, 'createdAt',"
                        + " created_at) from " + s + ".rf_stream_aliases" + tenant.whereClause() + " order by alias");
        long keys = rows(
                c,
                out,
                "select json_build_object('kind', 'idempotency_key', 'streamId', stream_id, 'key', key,"
                        + " 'createdAt', created_at) from " + s + ".rf_idempotency_keys" + tenant.whereClause()
                        + " order by stream_id, key");
        long snapshotRows = !snapshots
                ? 0
                : rows(
                        c,
                        out,
                        "select json_build_object('kind', 'snapshot', 'streamId', stream_id, 'aggregateType',"
                                + " aggregate_type, 'streamVersion', stream_version, 'schemaVersion', schema_version,"
                                + " 'shape', shape, 'state', state, 'createdAt', created_at) from " + s
                                + ".rf_snapshots" + tenant.whereClause() + " order by stream_id");
        ArchiveReport report = new ArchiveReport(file, documents, streams, events, aliases, keys, snapshotRows);
        line(out, ArchiveFormat.end(report).toString());
        return report;
    }

    /** Writes the one column of every row {@code sql} selects as a line; returns how many. */
    private static long rows(Connection c, Writer out, String sql, String... parameters) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setFetchSize(FETCH);
            for (int i = 0; i < parameters.length; i++) {
                p.setString(i + 1, parameters[i]);
            }
            long count = 0;
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    line(out, rs.getString(1));
                    count++;
                }
            }
            return count;
        }
    }

    private static void line(Writer out, String json) {
        try {
            out.write(json);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path part, Path file) throws IOException {
        try {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, file);
        }
    }

    private static void deleteQuietly(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // The export's own outcome matters more than a leftover .part file, which names itself.
        }
    }
}
