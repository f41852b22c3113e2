package io.rillflow.documents.internal;

import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TenantColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The tenant column of a document table in a conjoined schema, and the DDL that gives it to a table created without it
 * (a single-tenant schema opened by a conjoined store). The column comes with its default, so the rows already there
 * become the default tenant's ({@link TenantColumn#DEFAULT}) without a rewrite, and the primary key is rebuilt as
 * {@code (tenant_id, id)} so that another tenant can use the same ids. Rebuilding the key locks the table while it
 * indexes the rows; the unique indexes follow in schema sync, which rebuilds them with the tenant first, concurrently.
 */
final class TenantKey {
    private TenantKey() {}

    /** The DDL making the document {@code table} conjoined; empty when {@code tenant} is none or it has the column. */
    static List<String> missing(Connection connection, String table, TenantColumn tenant) throws SQLException {
        if (!tenant.present() || has(connection, table)) {
            return List.of();
        }
        String primaryKey;
        try (PreparedStatement p = connection.prepareStatement(
                "select conname from pg_constraint where conrelid = to_regclass(?) and contype = 'p'")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                primaryKey = rs.next() ? rs.getString(1) : null;
            }
        }
        return List.of(
                addColumn(table),
                "alter table " + table
                        + (primaryKey == null ? "" : " drop constraint " + Identifiers.quote(primaryKey) + ",")
                        + " add primary key (" + tenant.keyPrefix() + "id)");
    }

    /** The DDL adding the tenant column, with the default that makes existing rows the default tenant's. */
    static String addColumn(String table) {
        return "alter table " + table + " add column if not exists " + TenantColumn.NAME + " text not null default "
                + TenantColumn.DEFAULT.literal();
    }

    /** Whether {@code table} (quoted and schema-qualified) has the tenant column. */
    static boolean has(Connection connection, String table) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("select exists (select 1 from pg_attribute"
                + " where attrelid = to_regclass(?) and attname = ? and not attisdropped)")) {
            p.setString(1, table);
            p.setString(2, TenantColumn.NAME);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
