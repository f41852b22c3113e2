package io.rillflow.archive.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.internal.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The export file: UTF-8 JSON lines, one record per line, each an object whose {@code kind} says what it holds.
 *
 * <ol>
 *   <li>{@code rillflow-export}: the header, with the format {@code version}, the exported {@code schema} and
 *       {@code exportedAt};
 *   <li>per document table, a {@code table} record ({@code name}, {@code idType}: uuid, bigint or text), then its
 *       {@code document}s ({@code table}, {@code id}, {@code version}, {@code createdAt}, {@code updatedAt},
 *       {@code deletedAt}, {@code createdBy}, {@code lastModifiedBy}, {@code data});
 *   <li>{@code stream}s, then {@code event}s in ascending {@code globalSeq}, {@code alias}es, {@code idempotency_key}s
 *       and, when asked for, {@code snapshot}s;
 *   <li>{@code end}, with the count of each kind: an import without it, or whose counts differ, was given a truncated
 *       file.
 * </ol>
 *
 * Timestamps are ISO-8601 with their offset and microseconds, as PostgreSQL writes them, so they round-trip exactly.
 */
final class ArchiveFormat {
    static final String HEADER = "rillflow-export";
    static final int VERSION = 1;
    static final String TABLE = "table";
    static final String END = "end";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveFormat() {}

    /** Work on a connection that throws {@link SQLException}. */
    interface Work<R> {
        R run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on {@code c} that starts with {@code begin} (isolation, locks), committed
     * if it returns and rolled back otherwise; the connection is back in auto-commit either way.
     */
    static <R> R inTransaction(Connection c, String begin, Work<R> work) throws SQLException {
        return Database.inTransactionOn(c, held -> {
            try (Statement s = held.createStatement()) {
                s.execute(begin);
            }
            return work.run();
        });
    }

    /**
     * The document tables of {@code schema} by document name, with their id column's type: the {@code rf_doc_}
     * tables with a {@code deleted_at} column, which history tables lack; a partitioned table's partitions are its.
     */
    static Map<String, String> documentTables(Connection c, String schema) throws SQLException {
        String sql = "select substr(t.relname, 8), format_type(a.atttypid, a.atttypmod) from pg_class t"
                + " join pg_namespace n on n.oid = t.relnamespace"
                + " join pg_attribute a on a.attrelid = t.oid and a.attname = 'id' and not a.attisdropped"
                + " where n.nspname = ? and t.relkind in ('r', 'p') and not t.relispartition"
                + " and starts_with(t.relname, 'rf_doc_')"
                + " and exists (select 1 from pg_attribute d where d.attrelid = t.oid and d.attname = 'deleted_at'"
                + " and not d.attisdropped) order by t.relname";
        Map<String, String> tables = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    tables.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return tables;
    }

    /** The end record of an export that wrote {@code report}. */
    static ObjectNode end(ArchiveReport report) {
        return JSON.createObjectNode()
                .put("kind", END)
                .put("documents", report.documentCount())
                .put("streams", report.streams())
                .put("events", report.events())
                .put("aliases", report.aliases())
                .put("idempotencyKeys", report.idempotencyKeys())
                .put("snapshots", report.snapshots());
    }
}
