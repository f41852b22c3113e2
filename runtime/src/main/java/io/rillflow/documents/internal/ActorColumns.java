package io.rillflow.documents.internal;

import io.rillflow.sql.SqlFragments;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code created_by} and {@code last_modified_by} columns of a document table, and the DDL that adds them to a
 * table created before they existed. Their defaults read the actor ({@link SqlFragments#ACTOR}), so every insert, COPY
 * included, records it without naming the columns.
 *
 * <p>An added column gets its default in a second statement: {@code ADD COLUMN ... DEFAULT} would evaluate the
 * default once for the rows already there, giving them the actor of whoever ran the upgrade. Rows written before the
 * upgrade keep null: nobody knows who wrote them.
 */
final class ActorColumns {
    /** The column definition in {@code create table}. */
    static final String CREATED_BY = "created_by text default " + SqlFragments.ACTOR;

    /** The column definition in {@code create table}. */
    static final String LAST_MODIFIED_BY = "last_modified_by text default " + SqlFragments.ACTOR;

    private static final List<String> NAMES = List.of("created_by", "last_modified_by");

    private ActorColumns() {}

    /**
     * The statements that give the existing {@code table} (quoted and schema-qualified) both columns with their
     * defaults; empty when it has them. Each statement is safe to repeat.
     */
    static List<String> missing(Connection connection, String table) throws SQLException {
        Map<String, Boolean> hasDefault = new HashMap<>();
        try (PreparedStatement p = connection.prepareStatement("select attname, atthasdef from pg_attribute"
                + " where attrelid = ?::regclass and attname in ('created_by', 'last_modified_by')"
                + " and not attisdropped")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    hasDefault.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        List<String> ddl = new ArrayList<>();
        for (String column : NAMES) {
            if (!hasDefault.containsKey(column)) {
                ddl.add("alter table " + table + " add column if not exists " + column + " text");
            }
            if (!hasDefault.getOrDefault(column, false)) {
                ddl.add("alter table " + table + " alter column " + column + " set default " + SqlFragments.ACTOR);
            }
        }
        return ddl;
    }
}
