package io.rillflow.documents.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** The id types a document table supports, with their column type and how they are bound. */
public enum IdKind {
    UUID_ID("uuid", UUID.class),
    STRING_ID("text", String.class),
    LONG_ID("bigint", Long.class);

    private final String columnType;
    private final Class<?> javaType;

    IdKind(String columnType, Class<?> javaType) {
        this.columnType = columnType;
        this.javaType = javaType;
    }

    static IdKind of(Class<?> idType) {
        for (IdKind kind : values()) {
            if (kind.javaType.equals(idType) || (kind == LONG_ID && idType == long.class)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "Unsupported document id type " + idType.getName() + ": use java.util.UUID, String or Long");
    }

    String columnType() {
        return columnType;
    }

    /** {@code ids} as one array parameter of this id's column type. */
    Array array(Connection connection, List<?> ids) throws SQLException {
        return connection.createArrayOf(columnType, ids.toArray());
    }

    void bind(PreparedStatement statement, int index, Object id) throws SQLException {
        switch (this) {
            case UUID_ID -> statement.setObject(index, id);
            case STRING_ID -> statement.setString(index, (String) id);
            case LONG_ID -> statement.setLong(index, (Long) id);
        }
    }
}
