package io.rillflow.admin.internal;

import io.rillflow.admin.ExplainedQuery;
import io.rillflow.admin.IndexAdvice;
import io.rillflow.admin.IndexAdvice.IndexUsage;
import io.rillflow.admin.IndexAdvice.StatementUsage;
import io.rillflow.admin.UnknownDocumentTableException;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.documents.internal.IndexDdl;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.query.ObjectPath;
import io.rillflow.sql.SqlType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Index advice for one field of a document table, from the database alone: the table's and its indexes' use
 * ({@code pg_stat_user_tables}, {@code pg_stat_user_indexes}), the statements {@code pg_stat_statements} recorded when
 * it is installed, and the plan of the filter a typed query on the field runs. The suggested index is rendered by
 * {@link IndexDdl}, as schema sync would create it, and recognised when already built by its fingerprint comment.
 */
final class IndexAdvisor {
    private static final String PREFIX = "rf_doc_";
    private static final Pattern PLANNED_INDEX =
            Pattern.compile("(?:Index Scan|Index Only Scan) using (\\S+)|Bitmap Index Scan on (\\S+)");
    private static final String TABLE_STATS = "select coalesce(seq_scan, 0), coalesce(idx_scan, 0),"
            + " coalesce(n_live_tup, 0) from pg_stat_user_tables where schemaname = ? and relname = ?";
    private static final String INDEX_STATS = "select s.indexrelname, pg_get_indexdef(s.indexrelid),"
            + " coalesce(s.idx_scan, 0), x.indisunique or x.indisprimary, obj_description(s.indexrelid, 'pg_class')"
            + " from pg_stat_user_indexes s join pg_index x on x.indexrelid = s.indexrelid"
            + " where s.schemaname = ? and s.relname = ? order by s.indexrelname";
    private static final String STATEMENTS = "select query, calls, mean_exec_time, total_exec_time"
            + " from pg_stat_statements where strpos(query, ?) > 0"
            + " order by total_exec_time desc limit 5";
    private static final String HAS_STATEMENTS = "select 1 from pg_extension where extname = 'pg_stat_statements'";

    private final Database database;
    private final String schema;
    private final String quotedSchema;
    /** Whether document tables have a tenant column, which leads every unique index. */
    private final boolean conjoined;

    IndexAdvisor(Database database, String schema, boolean conjoined) {
        this.database = database;
        this.schema = schema;
        this.quotedSchema = Identifiers.quote(schema);
        this.conjoined = conjoined;
    }

    IndexAdvice advise(String document, String field, IndexDefinition.Kind kind, SqlType type) {
        String table = Identifiers.requireSqlName("document table", PREFIX + document);
        requireTable(document, table);
        IndexDefinition.Kind chosen = kind == null ? inferKind(table, field) : kind;
        FieldFilter filter = FieldFilter.of(field, chosen, type != null ? type : inferType(table, field));
        IndexDefinition index = filter.index();
        ExplainedQuery explained = explain(table, filter, sample(table, filter));
        long[] stats = tableStats(table);
        List<IndexUsage> indexes = new ArrayList<>();
        String fingerprint = IndexDdl.fingerprint(index, conjoined);
        String built = null;
        for (Object[] row : indexRows(table)) {
            IndexUsage usage = (IndexUsage) row[0];
            indexes.add(usage);
            if (fingerprint.equals(row[1])) {
                built = usage.name();
            }
        }
        String planned = plannedIndex(explained.plan());
        String coveredBy = built != null ? built : planned;
        List<StatementUsage> statements = statements(table);
        boolean statistics = statements != null;
        String annotation = filter.annotation();
        String ddl =
                IndexDdl.ddl(index, document, quotedSchema, quotedSchema + "." + Identifiers.quote(table), conjoined);
        List<String> findings = new ArrayList<>();
        if (coveredBy != null) {
            findings.add("Index " + coveredBy + " serves filters on " + field
                    + (explained.sequentialScan()
                            ? "; the planner still reads the table whole, as it does while a table is small ("
                                    + stats[2] + " live rows)"
                            : ""));
        } else if (explained.sequentialScan()) {
            findings.add("Missing index: a filter on " + field + " reads " + table + " whole (sequential scans of the"
                    + " table: " + stats[0] + ", index scans: " + stats[1] + "); declare " + annotation
                    + " on the document type");
        } else {
            findings.add("No index serves filters on " + field + ", but the planner does not read the table whole");
        }
        for (IndexUsage usage : indexes) {
            if (usage.unused()) {
                findings.add("Unused index " + usage.name() + ": never scanned since the statistics were last reset"
                        + " (idx_scan = 0); drop its @Index if no query needs it");
            }
        }
        if (!statistics) {
            findings.add("pg_stat_statements is not installed: no statement statistics");
        }
        return new IndexAdvice(
                document,
                field,
                chosen,
                stats[0],
                stats[1],
                stats[2],
                indexes,
                statistics ? statements : List.of(),
                statistics,
                explained,
                coveredBy,
                annotation,
                ddl,
                findings);
    }

    ExplainedQuery explain(String document, String field, IndexDefinition.Kind kind, SqlType type, String value) {
        String table = Identifiers.requireSqlName("document table", PREFIX + document);
        requireTable(document, table);
        return explain(table, FieldFilter.of(field, kind, type == null ? SqlType.TEXT : type), value);
    }

    private ExplainedQuery explain(String table, FieldFilter filter, String value) {
        String sql = "select id, version, data from " + quotedSchema + "." + Identifiers.quote(table) + " where "
                + filter.condition(quotedSchema);
        String plan = database.withConnection("explain " + sql, c -> {
            try (PreparedStatement p = c.prepareStatement("explain " + sql)) {
                // Untyped: PostgreSQL infers the parameter's type from the comparison, as for the typed queries.
                p.setObject(1, value, Types.OTHER);
                StringBuilder lines = new StringBuilder();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        lines.append(rs.getString(1)).append('\n');
                    }
                }
                return lines.toString().stripTrailing();
            }
        });
        return new ExplainedQuery(sql, value, plan);
    }

    private void requireTable(String document, String table) {
        boolean exists = database.withConnection("to_regclass", c -> {
            try (PreparedStatement p = c.prepareStatement("select to_regclass(?) is not null")) {
                p.setString(1, quotedSchema + "." + Identifiers.quote(table));
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
        if (!exists) {
            throw new UnknownDocumentTableException(
                    "No document table " + table + " in schema " + schema + " (for document \"" + document + "\")");
        }
    }

    /** GIN when the field's stored values are mostly arrays or objects, else B-tree. */
    private IndexDefinition.Kind inferKind(String table, String field) {
        String json = jsonType(table, field);
        return json.equals("array") || json.equals("object") ? IndexDefinition.Kind.GIN : IndexDefinition.Kind.BTREE;
    }

    /** The comparison type of the field's stored values: numbers, booleans, and text for anything else. */
    private SqlType inferType(String table, String field) {
        return switch (jsonType(table, field)) {
            case "number" -> SqlType.NUMERIC;
            case "boolean" -> SqlType.BOOLEAN;
            default -> SqlType.TEXT;
        };
    }

    /** The most common JSON type of the field among up to 1000 documents that have it; "" if none has. */
    private String jsonType(String table, String field) {
        String json = new ObjectPath(null, field).jsonExpression();
        String sql = "select t, count(*) from (select jsonb_typeof(" + json + ") t from " + quotedSchema + "."
                + Identifiers.quote(table) + " where " + json + " is not null limit 1000) s"
                + " group by t order by count(*) desc limit 1";
        return database.withConnection(sql, c -> {
            try (PreparedStatement p = c.prepareStatement(sql);
                    ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        });
    }

    /** A stored value of the field to explain the filter with, so the planner sees a realistic one. */
    private String sample(String table, FieldFilter filter) {
        boolean gin = filter.kind() == IndexDefinition.Kind.GIN;
        String value =
                gin ? filter.path().jsonExpression() + "::text" : filter.path().textExpression();
        String sql = "select " + value + " from " + quotedSchema + "." + Identifiers.quote(table) + " where " + value
                + " is not null limit 1";
        String found = database.withConnection(sql, c -> {
            try (PreparedStatement p = c.prepareStatement(sql);
                    ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        return found != null ? found : gin ? "[]" : "x";
    }

    private long[] tableStats(String table) {
        return database.withConnection(TABLE_STATS, c -> {
            try (PreparedStatement p = c.prepareStatement(TABLE_STATS)) {
                p.setString(1, schema);
                p.setString(2, table);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)} : new long[3];
                }
            }
        });
    }

    /** Each index's use, and its comment (the fingerprint schema sync wrote, if it built it). */
    private List<Object[]> indexRows(String table) {
        return database.withConnection(INDEX_STATS, c -> {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(INDEX_STATS)) {
                p.setString(1, schema);
                p.setString(2, table);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {
                            new IndexUsage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4)),
                            rs.getString(5)
                        });
                    }
                }
            }
            return rows;
        });
    }

    /**
     * The statements naming the table (field names are constants, which {@code pg_stat_statements} normalizes away);
     * null when the extension cannot be read.
     */
    private List<StatementUsage> statements(String table) {
        try {
            return database.withConnection(STATEMENTS, c -> readStatements(c, table));
        } catch (RuntimeException e) {
            // Installed but not preloaded, or not readable by this role: the advice goes on without it.
            return null;
        }
    }

    private static List<StatementUsage> readStatements(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(HAS_STATEMENTS);
                ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
        }
        List<StatementUsage> found = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(STATEMENTS)) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    found.add(new StatementUsage(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4)));
                }
            }
        }
        return found;
    }

    /** The index the plan reads, if any. */
    private static String plannedIndex(String plan) {
        Matcher m = PLANNED_INDEX.matcher(plan);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
