package io.rillflow.query.internal;

import io.rillflow.sql.SqlType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** How query parameters reach the driver, shared by the query builder and compiled statements. */
public final class ScalarBinding {
    private ScalarBinding() {}

    /** Binds a parameter converted by {@link SqlType#toParameter} as {@code type}. */
    public static void bindScalar(PreparedStatement statement, int index, SqlType type, Object parameter)
            throws SQLException {
        if (parameter == null) {
            statement.setNull(index, Types.NULL);
            return;
        }
        switch (type) {
            case TEXT -> statement.setString(index, (String) parameter);
            case NUMERIC -> statement.setBigDecimal(index, (BigDecimal) parameter);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) parameter);
            default -> statement.setObject(index, parameter);
        }
    }

    /** The elements of an array parameter as the driver takes them: text for every type but {@code text}. */
    public static Object[] arrayElements(SqlType type, Object[] values) {
        if (type == SqlType.TEXT) {
            return values;
        }
        Object[] text = new Object[values.length];
        for (int i = 0; i < text.length; i++) {
            text[i] = values[i] == null ? null : values[i].toString();
        }
        return text;
    }
}
