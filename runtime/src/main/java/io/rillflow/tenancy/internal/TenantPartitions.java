package io.rillflow.tenancy.internal;

import io.rillflow.TenantNotFoundException;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TablePartitions;
import io.rillflow.internal.TenantColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partitions of a conjoined schema's {@code rf_events}, which {@code conjoined/1003_tenant_partitions.sql} made a
 * table LIST-partitioned by tenant whose {@code rf_events_default} partition holds every tenant without one of its
 * own. A tenant's own partition is {@code rf_events_t_<tenant>}, holding its rows only (the tenant id's 50 characters
 * at most keep the name within PostgreSQL's 63). The catalog is the record of which tenants have one: a partition's
 * bound names its tenant.
 *
 * <p>Moving a tenant into a partition of its own is one transaction that first takes {@code rf_events}' exclusive lock (with those of the other tables it moves),
 * which waits for every append in flight to end and holds back every later append and read of every tenant until it
 * commits. So nothing is appended to the tenant while its rows move, and every row committed before is moved: the
 * rows are copied into a new table, deleted from the default partition, and the table attached as the tenant's
 * partition (PostgreSQL refuses a partition while the default one holds rows of its value, and checks that it holds
 * none by reading it whole). Events keep their global positions, so log readers see the same log before and after.
 * The same transaction gives the tenant a partition of each document table and of the event store's streams, aliases,
 * idempotency keys and snapshots ({@link TablePartitions}).
 */
final class TenantPartitions {
    /** The partitioned table. */
    static final String PARENT = "rf_events";

    private final Database database;
    private final String quotedSchema;
    private final String events;
    private final TablePartitions tables;

    TenantPartitions(Database database, String schema) {
        this.database = database;
        this.quotedSchema = Identifiers.quote(schema);
        this.events = quotedSchema + "." + PARENT;
        this.tables = new TablePartitions(schema);
    }

    /** The name of {@code tenant}'s partition of {@code rf_events}, unquoted. */
    static String partitionName(String tenant) {
        return "rf_events_t_" + tenant;
    }

    /**
     * Moves the rows of {@code tenant} (checked, and provisioned per {@code tenantsTable}) into a partition of its own.
     *
     * @return whether it moved them: false when the tenant had a partition already
     */
    boolean partition(String tenant, String tenantsTable) {
        String partition = quotedSchema + "." + Identifiers.quote(partitionName(tenant));
        TenantColumn column = new TenantColumn(tenant);
        // Without the interactive timeouts, as any schema change: the lock waits for the appends in flight, and the
        // copy takes as long as the tenant has rows.
        return Database.retryingDeadlocks(() -> database.withoutTimeouts(
                "partition tenant " + tenant,
                c -> Database.inTransactionOn(c, tx -> {
                    try (Statement s = tx.createStatement()) {
                        // rf_events among the others, in the order TablePartitions.lock gives. A deadlock that order
                        // cannot prevent (with a projection batch) fails one of the two transactions, and either is
                        // retried: the batch by its daemon, this by retryingDeadlocks.
                        Map<String, Boolean> tables = this.tables.lock(tx);
                        // Checked under the lock, which waits for a drop deleting the tenant's events to commit.
                        if (!provisioned(tx, tenantsTable, tenant)) {
                            throw new TenantNotFoundException(tenant);
                        }
                        boolean moved = false;
                        if (!partitioned(tx).contains(tenant)) {
                            // No defaults: a row written to the partition directly, past rf_events, would draw a
                            // position without the lock on rf_events that the log readers watch for.
                            s.execute("create table " + partition + " (like " + events + " including storage)");
                            s.execute("insert into " + partition + " select * from " + events + " where "
                                    + column.predicate());
                            s.execute("delete from " + events + " where " + column.predicate());
                            s.execute("alter table " + events + " attach partition " + partition + " for values in ("
                                    + column.literal() + ")");
                            // So that plans of the tenant's statements use the new partition's indexes at once, not
                            // after autovacuum's first visit.
                            s.execute("analyze " + partition);
                            moved = true;
                        }
                        // A table declared, or converted, since the tenant's last partition() gets its partition now.
                        return this.tables.partition(tx, tables, tenant) || moved;
                    }
                })));
    }

    /**
     * Drops {@code tenant}'s partitions, of rf_events and of the other tables, in the caller's transaction {@code c}:
     * their rows go with them.
     *
     * @return whether it had one of rf_events
     */
    boolean dropPartition(Connection c, String tenant) throws SQLException {
        tables.drop(c, tenant);
        Optional<String> partition = partitionOf(c, tenant);
        if (partition.isEmpty()) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            s.execute("drop table " + quotedSchema + "." + Identifiers.quote(partition.get()));
        }
        return true;
    }

    /** The tenants with a partition of their own, in order. */
    List<String> partitioned() {
        return database.withConnection("list tenant partitions", this::partitioned);
    }

    /** The tenants with a partition of their own, in order, read on {@code c}. */
    List<String> partitioned(Connection c) throws SQLException {
        List<String> tenants = new ArrayList<>();
        for (String tenant : TablePartitions.bounds(c, events).values()) {
            if (tenant != null) {
                tenants.add(tenant);
            }
        }
        Collections.sort(tenants);
        return tenants;
    }

    private Optional<String> partitionOf(Connection c, String tenant) throws SQLException {
        for (Map.Entry<String, String> found : TablePartitions.bounds(c, events).entrySet()) {
            if (tenant.equals(found.getValue())) {
                return Optional.of(found.getKey());
            }
        }
        return Optional.empty();
    }

    private static boolean provisioned(Connection c, String tenantsTable, String tenant) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("select exists (select 1 from " + tenantsTable + " where tenant_id = ?)")) {
            p.setString(1, tenant);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
