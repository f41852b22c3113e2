package io.rillflow.documents.internal;

import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TablePartitions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What PostgreSQL's catalog says about the indexes of one document table, read without taking any lock. */
final class IndexCatalog {
    /**
     * An index as the catalog has it.
     *
     * @param name its name
     * @param valid false while a concurrent build runs, and after one failed ({@code pg_index.indisvalid})
     * @param primary whether it is the primary key's index
     * @param comment its comment: a fingerprint if schema sync built it, otherwise null
     */
    record Existing(String name, boolean valid, boolean primary, String comment) {}

    /**
     * A partition of a conjoined table partitioned by tenant (see {@code tenants().partition}).
     *
     * @param tenant the tenant its bound names, null for the default partition
     */
    record Partition(String name, String tenant) {
        /** The name of the index {@code parentIndex}'s part on this partition, as the partition's indexes are named. */
        String indexName(String parentIndex) {
            return tenant == null
                    ? Identifiers.defaultPartitionName(parentIndex)
                    : Identifiers.tenantPartitionName(parentIndex, tenant);
        }
    }

    private final Map<String, Existing> indexes;
    private final boolean hasRows;
    private final List<Partition> partitions;

    private IndexCatalog(Map<String, Existing> indexes, boolean hasRows, List<Partition> partitions) {
        this.indexes = indexes;
        this.hasRows = hasRows;
        this.partitions = partitions;
    }

    /** The indexes of {@code table} (quoted and schema-qualified), or empty if the table does not exist. */
    static Optional<IndexCatalog> read(Connection connection, String table) throws SQLException {
        Map<String, Existing> indexes = new LinkedHashMap<>();
        try (PreparedStatement p = connection.prepareStatement("select c.relname, i.indisvalid, i.indisprimary,"
                + " obj_description(c.oid, 'pg_class') from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where i.indrelid = to_regclass(?) order by c.relname")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Existing index = new Existing(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4));
                    indexes.put(index.name(), index);
                }
            }
        }
        if (indexes.isEmpty() && !exists(connection, table)) {
            return Optional.empty();
        }
        List<Partition> partitions = new ArrayList<>();
        TablePartitions.bounds(connection, table)
                .forEach((name, tenant) -> partitions.add(new Partition(name, tenant)));
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select exists (select 1 from " + table + ")")) {
            rs.next();
            return Optional.of(new IndexCatalog(indexes, rs.getBoolean(1), List.copyOf(partitions)));
        }
    }

    /** The table's partitions by tenant, in name order: empty for a table that is not partitioned. */
    List<Partition> partitions() {
        return partitions;
    }

    /** Whether {@code table} (quoted and schema-qualified) exists. */
    static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("select to_regclass(?) is not null")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The index named {@code name} on this table, if there is one. */
    Optional<Existing> index(String name) {
        return Optional.ofNullable(indexes.get(name));
    }

    /** Every index on this table, by name. */
    Map<String, Existing> indexes() {
        return indexes;
    }

    /**
     * Whether any row exists, soft-deleted or not: an index on an empty table is built inside the migration
     * transaction, one on a table with rows concurrently.
     */
    boolean hasRows() {
        return hasRows;
    }
}
