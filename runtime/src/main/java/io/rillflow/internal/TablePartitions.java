package io.rillflow.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partitions by tenant of a conjoined schema's tables besides {@code rf_events}: the document tables
 * ({@code rf_doc_<name>}, history tables aside) and the event store's {@code rf_streams}, {@code rf_stream_aliases},
 * {@code rf_idempotency_keys} and {@code rf_snapshots}. Such a table stays a plain table until the first
 * {@link io.rillflow.tenancy.Tenants#partition} in its schema, so stores that never partition a tenant keep their
 * tables exactly as they were (a document table declared later is converted when a store first opens it,
 * {@link #partitionDeclared}). That call converts each one as {@code 1003_tenant_partitions.sql} converted
 * {@code rf_events}: the table and its indexes are renamed and become the {@code DEFAULT} partition of a new table
 * LIST-partitioned by tenant that takes the old names, its indexes (created on the empty parent, so at once) matched to
 * the renamed ones when the old table is attached, building none. The primary key and every unique index of a
 * conjoined table start with the partition key, as a partitioned table's unique keys must. Statement triggers (a
 * document's history) move to the parent, which fires them for every partition; the fingerprint comments schema sync
 * compares move with the index names.
 *
 * <p>Everything runs in the caller's transaction after {@link #lock} took each table's exclusive lock, so nothing is
 * written to the tenant's rows while they move: none is lost or seen twice. Rows move between partitions directly,
 * past the parent, so that the history triggers record no delete and no insert for the move.
 */
public final class TablePartitions {
    private static final Pattern BOUND = Pattern.compile("FOR VALUES IN \\('([a-z][a-z0-9_]*)'\\)");

    /** The event store's tables that are partitioned with {@code rf_events}; see {@link #lockRank} for their order. */
    private static final List<String> EVENT_TABLES =
            List.of("rf_idempotency_keys", "rf_streams", "rf_snapshots", "rf_stream_aliases");

    private static final String TABLES = "select t.relname, t.relkind = 'p' from pg_class t"
            + " join pg_namespace n on n.oid = t.relnamespace"
            + " where n.nspname = ? and t.relkind in ('r', 'p') and not t.relispartition"
            + " and (t.relname in ('" + String.join("', '", EVENT_TABLES) + "') or starts_with(t.relname, 'rf_doc_')"
            + " and exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'deleted_at'"
            + " and not a.attisdropped))"
            + " and exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = '"
            + TenantColumn.NAME + "' and not a.attisdropped) order by 1";

    private final String schema;
    private final String quotedSchema;

    /** For the tables of {@code schema}, a conjoined one. */
    public TablePartitions(String schema) {
        this.schema = schema;
        this.quotedSchema = Identifiers.quote(schema);
    }

    /**
     * Takes the exclusive lock of every table this partitions and of {@code rf_events}, for the rest of the
     * transaction: the document tables in name order, then the event store's tables an append writes first, then
     * {@code rf_events}, then the rest ({@link #lockRank}). A single append, a session's documents and a drop take
     * them in that order. Work that takes them in another order can deadlock with this: a projection batch (events,
     * then documents), a session whose first append names an existing stream and a later one a new stream, a
     * transaction of the caller's that appends and then resolves an alias. PostgreSQL then fails one of the two whole;
     * {@code partition()} retries ({@link Database#retryingDeadlocks}), a batch is retried by its daemon, and the
     * caller's transaction gets the error.
     *
     * @return each table's name (besides {@code rf_events}) and whether it is partitioned already
     */
    public Map<String, Boolean> lock(Connection c) throws SQLException {
        Map<String, Boolean> tables = tables(c);
        List<String> order = new ArrayList<>(tables.keySet());
        order.add("rf_events");
        order.sort(Comparator.comparingInt(TablePartitions::lockRank));
        lockAll(c, order);
        // Read again under the locks: a partition() that held them before may have converted some meanwhile.
        Map<String, Boolean> locked = tables(c);
        locked.keySet().retainAll(tables.keySet());
        return locked;
    }

    /**
     * Where {@code table} comes in the order {@link #lock} takes the tables in, for other work that locks several of
     * them (a tenant's rows deleted table by table): document tables, idempotency keys, streams, {@code rf_events},
     * snapshots, aliases, any other table, history tables last.
     */
    public static int lockRank(String table) {
        if (table.endsWith("_history")) {
            return 7;
        }
        if (table.startsWith("rf_doc_")) {
            return 0;
        }
        return switch (table) {
            case "rf_idempotency_keys" -> 1;
            case "rf_streams" -> 2;
            case "rf_events" -> 3;
            case "rf_snapshots" -> 4;
            case "rf_stream_aliases" -> 5;
            default -> 6;
        };
    }

    private void lockAll(Connection c, List<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        List<String> qualified = new ArrayList<>();
        tables.forEach(table -> qualified.add(qualified(table)));
        try (Statement s = c.createStatement()) {
            // One statement locks its tables in the order it lists them.
            s.execute("lock table " + String.join(", ", qualified) + " in access exclusive mode");
        }
    }

    /**
     * Moves {@code tenant}'s rows of every table {@link #lock} locked into a partition of its own, converting a plain
     * table first.
     *
     * @return whether any table got a partition for the tenant (false when each had one already)
     */
    public boolean partition(Connection c, Map<String, Boolean> locked, String tenant) throws SQLException {
        boolean moved = false;
        for (Map.Entry<String, Boolean> table : locked.entrySet()) {
            if (!table.getValue()) {
                convert(c, table.getKey());
                table.setValue(true);
            }
            moved |= move(c, table.getKey(), tenant);
        }
        return moved;
    }

    /**
     * Gives the document table {@code table}, declared after some tenants were given partitions of their own (those of
     * {@code rf_events}), a partition for each of them, in the caller's transaction: one catalog read when there are
     * none, or the table is partitioned already.
     */
    public void partitionDeclared(Connection c, String table) throws SQLException {
        List<String> tenants = new ArrayList<>();
        for (String tenant : bounds(c, qualified("rf_events")).values()) {
            if (tenant != null) {
                tenants.add(tenant);
            }
        }
        if (tenants.isEmpty()) {
            return;
        }
        Map<String, Boolean> plain = new LinkedHashMap<>();
        Boolean partitioned = tables(c).get(table);
        if (partitioned == null || partitioned) {
            return;
        }
        plain.put(table, false);
        try (Statement s = c.createStatement()) {
            s.execute("lock table " + qualified(table) + " in access exclusive mode");
        }
        for (String tenant : tenants) {
            partition(c, plain, tenant);
        }
    }

    /** Moves {@code tenant}'s rows of the partitioned {@code parent} into a partition of their own, unless it has one. */
    private boolean move(Connection c, String parent, String tenant) throws SQLException {
        if (bounds(c, qualified(parent)).containsValue(tenant)) {
            return false;
        }
        TenantColumn column = new TenantColumn(tenant);
        String ownName = Identifiers.tenantPartitionName(parent, tenant);
        String own = qualified(ownName);
        String shared = qualified(Identifiers.defaultPartitionName(parent));
        try (Statement s = c.createStatement()) {
            s.execute("create table " + own + " (like " + qualified(parent) + " including defaults including storage)");
            s.execute("insert into " + own + " select * from " + shared + " where " + column.predicate());
            s.execute("delete from " + shared + " where " + column.predicate());
            // Builds the parent's indexes on the new partition, on the rows just copied.
            s.execute("alter table " + qualified(parent) + " attach partition " + own + " for values in ("
                    + column.literal() + ")");
            s.execute("analyze " + own);
        }
        nameIndexes(c, ownName, tenant);
        return true;
    }

    /**
     * Each partition of the partitioned table {@code qualifiedParent}, in name order: its name, and the tenant its bound
     * names (null for the default partition). Empty for a table that is not partitioned, or missing.
     */
    public static Map<String, String> bounds(Connection c, String qualifiedParent) throws SQLException {
        String sql = "select p.relname, pg_get_expr(p.relpartbound, p.oid) from pg_inherits i"
                + " join pg_class p on p.oid = i.inhrelid where i.inhparent = to_regclass(?) order by 1";
        Map<String, String> bounds = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, qualifiedParent);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Matcher m = BOUND.matcher(rs.getString(2));
                    bounds.put(rs.getString(1), m.matches() ? m.group(1) : null);
                }
            }
        }
        return bounds;
    }

    /** Drops {@code tenant}'s partition of every table this partitions, in the caller's transaction; its rows go too. */
    public void drop(Connection c, String tenant) throws SQLException {
        for (Map.Entry<String, Boolean> table : tables(c).entrySet()) {
            if (!table.getValue()) {
                continue;
            }
            for (Map.Entry<String, String> partition :
                    bounds(c, qualified(table.getKey())).entrySet()) {
                if (tenant.equals(partition.getValue())) {
                    try (Statement s = c.createStatement()) {
                        s.execute("drop table " + qualified(partition.getKey()));
                    }
                }
            }
        }
    }

    /** Makes the plain, locked {@code table} the default partition of a partitioned table that takes its name. */
    private void convert(Connection c, String table) throws SQLException {
        String qualified = qualified(table);
        // Read before the renames, so the definitions name the table and the indexes as the parent's are to be named.
        List<String[]> indexes = rows(
                c,
                "select ic.relname, pg_get_indexdef(i.indexrelid), obj_description(i.indexrelid, 'pg_class'),"
                        + " con.conname, pg_get_constraintdef(con.oid) from pg_index i"
                        + " join pg_class ic on ic.oid = i.indexrelid"
                        + " left join pg_constraint con on con.conindid = i.indexrelid and con.contype = 'p'"
                        + " where i.indrelid = ?::regclass order by 1",
                qualified);
        List<String[]> triggers = rows(
                c,
                "select tgname, pg_get_triggerdef(oid) from pg_trigger where tgrelid = ?::regclass"
                        + " and not tgisinternal order by 1",
                qualified);
        String shared = Identifiers.defaultPartitionName(table);
        try (Statement s = c.createStatement()) {
            // A partition may carry no trigger with transition tables; the parent's fire for every partition.
            for (String[] trigger : triggers) {
                s.execute("drop trigger " + Identifiers.quote(trigger[0]) + " on " + qualified);
            }
            s.execute("alter table " + qualified + " rename to " + Identifiers.quote(shared));
            for (String[] index : indexes) {
                s.execute("alter index " + qualified(index[0]) + " rename to "
                        + Identifiers.quote(Identifiers.defaultPartitionName(index[0])));
            }
            s.execute("create table " + qualified + " (like " + qualified(shared)
                    + " including defaults including storage) partition by list (" + TenantColumn.NAME + ")");
            for (String[] index : indexes) {
                s.execute(
                        index[3] != null
                                ? "alter table " + qualified + " add constraint " + Identifiers.quote(index[3]) + " "
                                        + index[4]
                                : index[1]);
                if (index[2] != null) {
                    s.execute("comment on index " + qualified(index[0]) + " is '" + index[2].replace("'", "''") + "'");
                }
            }
            // Matches the renamed indexes to the parent's and attaches them, building none.
            s.execute("alter table " + qualified + " attach partition " + qualified(shared) + " default");
            for (String[] trigger : triggers) {
                s.execute(trigger[1]);
            }
        }
    }

    /**
     * Renames the indexes ATTACH built on {@code partition} after the parent's ({@link Identifiers#tenantPartitionName}),
     * so that a unique violation there names an index the tenant's statements can trace to the declared one.
     */
    private void nameIndexes(Connection c, String partition, String tenant) throws SQLException {
        List<String[]> built = rows(
                c,
                "select ci.relname, pi.relname from pg_index i join pg_class ci on ci.oid = i.indexrelid"
                        + " join pg_inherits h on h.inhrelid = i.indexrelid join pg_class pi on pi.oid = h.inhparent"
                        + " where i.indrelid = ?::regclass order by 1",
                qualified(partition));
        try (Statement s = c.createStatement()) {
            for (String[] index : built) {
                String name = Identifiers.tenantPartitionName(index[1], tenant);
                if (!name.equals(index[0])) {
                    s.execute("alter index " + qualified(index[0]) + " rename to " + Identifiers.quote(name));
                }
            }
        }
    }

    private Map<String, Boolean> tables(Connection c) throws SQLException {
        Map<String, Boolean> tables = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement(TABLES)) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    tables.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        return tables;
    }

    private static List<String[]> rows(Connection c, String sql, String parameter) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, parameter);
            try (ResultSet rs = p.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private String qualified(String name) {
        return quotedSchema + "." + Identifiers.quote(name);
    }
}
