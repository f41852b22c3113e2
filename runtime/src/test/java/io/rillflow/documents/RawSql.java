package io.rillflow.documents;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads a table behind the store's back, so tests can check what is really stored. */
final class RawSql {
    private RawSql() {}

    /** The first column of the first row as a long, or empty when there is no row. */
    static Optional<Long> queryLong(Store store, String sql, Object... parameters) {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row as text, or empty when there is no row. */
    static Optional<String> queryText(Store store, String sql, Object... parameters) {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Number of rows in a collection's table, soft-deleted ones included. */
    static long rowCount(Store store, DocumentCollection<?, ?> collection) {
        return queryLong(store, "select count(*) from " + TestDatabase.table(store, collection))
                .orElseThrow();
    }

    /** The stored version of a row, soft-deleted or not; empty when there is no row. */
    static Optional<Long> storedVersion(Store store, DocumentCollection<?, ?> collection, Object id) {
        return queryLong(store, "select version from " + TestDatabase.table(store, collection) + " where id = ?", id);
    }

    /** The stored JSON of a row exactly as PostgreSQL holds it; empty when there is no row. */
    static Optional<String> storedJson(Store store, DocumentCollection<?, ?> collection, Object id) {
        return queryText(
                store, "select data::text from " + TestDatabase.table(store, collection) + " where id = ?", id);
    }
}
