package io.rillflow.admin.internal;

import io.rillflow.DocumentNotFoundException;
import io.rillflow.admin.RawDocument;
import io.rillflow.admin.UnknownDocumentTableException;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TenantColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Document tables read and soft-deleted without the document's class: the id is bound as the type the table's
 * {@code id} column has (looked up in the catalog on each call, since there is no declaration to trust), the body is
 * returned as JSON text. Soft delete and restore run the statements the typed collections run, so versions and
 * timestamps move the same way.
 *
 * <p>In a conjoined schema they touch the rows of the store's tenant; an admin that does not know the tenancy (the
 * CLI) touches the default tenant's rows of a table that has the tenant column, never another tenant's.
 */
final class RawDocuments {
    private static final String PREFIX = "rf_doc_";

    private final Database database;
    private final String schema;
    private final String idType;
    private final String tables;
    private final TenantColumn tenant;

    RawDocuments(Database database, String schema, TenantColumn tenant) {
        this.database = database;
        this.schema = schema;
        this.tenant = tenant;
        this.idType = "select format_type(a.atttypid, a.atttypmod) from pg_attribute a"
                + " where a.attrelid = to_regclass(?) and a.attname = 'id' and not a.attisdropped";
        this.tables = "select substr(tablename, " + (PREFIX.length() + 1) + ") from pg_tables"
                + " where schemaname = ? and starts_with(tablename, '" + PREFIX + "')"
                // A tenant's partition of a document table is the table's, not a document of its own.
                + " and not exists (select 1 from pg_inherits i"
                + " where i.inhrelid = format('%I.%I', schemaname, tablename)::regclass) order by tablename";
    }

    List<String> names() {
        return database.withConnection(tables, this::names);
    }

    private List<String> names(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(tables)) {
            p.setString(1, schema);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    Optional<RawDocument> get(String name, String id) {
        String table = table(name);
        String columns = "select id::text, version, data::text, created_at, updated_at, deleted_at from " + table;
        return database.withConnection(columns, c -> {
            Object key = key(c, name, table, id);
            String select = columns + " where " + tenant(c, table).andPrefix() + "id = ?";
            try (PreparedStatement p = c.prepareStatement(select)) {
                p.setObject(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new RawDocument(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getString(3),
                            instant(rs, 4),
                            instant(rs, 5),
                            instant(rs, 6)));
                }
            }
        });
    }

    /** Flips {@code deleted_at}; true if it changed, false if it was already so. */
    boolean setDeleted(String name, String id, boolean deleted) {
        String table = table(name);
        String set = deleted ? "deleted_at = now()" : "deleted_at = null";
        String label = "update " + table + " set " + set;
        return database.withConnection(label, c -> {
            Object key = key(c, name, table, id);
            String only = tenant(c, table).andPrefix();
            String update = label + ", version = version + 1, updated_at = now() where " + only + "id = ? and "
                    + (deleted ? "deleted_at is null" : "deleted_at is not null");
            String exists = "select 1 from " + table + " where " + only + "id = ?";
            try (PreparedStatement p = c.prepareStatement(update)) {
                p.setObject(1, key);
                if (p.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement p = c.prepareStatement(exists)) {
                p.setObject(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new DocumentNotFoundException(PREFIX + name, id);
                    }
                }
            }
            return false;
        });
    }

    private String table(String name) {
        Identifiers.requireSqlName("document table", PREFIX + name);
        return Identifiers.quote(schema) + "." + Identifiers.quote(PREFIX + name);
    }

    /** {@code id} as the Java value of the table's id column type. */
    private Object key(Connection c, String name, String table, String id) throws SQLException {
        String type;
        try (PreparedStatement p = c.prepareStatement(idType)) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                type = rs.next() ? rs.getString(1) : null;
            }
        }
        if (type == null) {
            List<String> known = names(c);
            throw new UnknownDocumentTableException("No document table " + PREFIX + name + " in schema " + schema + "; "
                    + (known.isEmpty() ? "it has none" : "its documents are " + String.join(", ", known)));
        }
        try {
            switch (type) {
                case "uuid":
                    return UUID.fromString(id);
                case "bigint":
                case "integer":
                    return Long.parseLong(id);
                default:
                    return id;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Invalid document id \"" + id + "\": the ids of " + PREFIX + name + " are of type " + type, e);
        }
    }

    /**
     * The tenant whose rows to touch: the store's, or, for an admin that does not know the tenancy, the default tenant
     * of a table that has the column.
     */
    private TenantColumn tenant(Connection c, String table) throws SQLException {
        if (tenant.present()) {
            return tenant;
        }
        try (PreparedStatement p = c.prepareStatement("select exists (select 1 from pg_attribute where attrelid ="
                + " to_regclass(?) and attname = '" + TenantColumn.NAME + "' and not attisdropped)")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? TenantColumn.DEFAULT : TenantColumn.NONE;
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
