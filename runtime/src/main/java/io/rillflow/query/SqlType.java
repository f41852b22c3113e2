package io.rillflow.query;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * How a JSON scalar is compared in SQL: the text extracted from the document is cast to this type, so numbers and
 * dates compare as numbers and dates, never as text. Casts go through Rillflow's immutable helper functions so the
 * very same expression can back an index.
 */
public enum SqlType {
    TEXT("text", null),
    NUMERIC("numeric", null),
    BOOLEAN("boolean", null),
    TIMESTAMPTZ("timestamptz", "rf_timestamptz"),
    TIMESTAMP("timestamp", "rf_timestamp"),
    DATE("date", "rf_date");

    private final String name;
    private final String castFunction;

    SqlType(String name, String castFunction) {
        this.name = name;
        this.castFunction = castFunction;
    }

    /** The PostgreSQL type name. */
    public String sqlName() {
        return name;
    }

    /** {@code textExpression} cast to this type, as used in queries and index definitions alike. */
    String cast(String quotedSchema, String textExpression) {
        if (this == TEXT) {
            return textExpression;
        }
        if (castFunction != null) {
            return quotedSchema + "." + castFunction + "(" + textExpression + ")";
        }
        return "(" + textExpression + ")::" + name;
    }

    /** Converts a Java value to what the driver binds for this type. */
    Object toParameter(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case TEXT -> value instanceof Enum<?> e ? e.name() : value.toString();
            case NUMERIC -> value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
            case BOOLEAN -> value;
            case TIMESTAMPTZ ->
                value instanceof Instant i
                        ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC)
                        : value instanceof ZonedDateTime z ? z.toOffsetDateTime() : (OffsetDateTime) value;
            case TIMESTAMP -> (LocalDateTime) value;
            case DATE -> (LocalDate) value;
        };
    }

    void bind(PreparedStatement statement, int index, Object parameter) throws SQLException {
        if (parameter == null) {
            statement.setNull(index, Types.NULL);
            return;
        }
        switch (this) {
            case TEXT -> statement.setString(index, (String) parameter);
            case NUMERIC -> statement.setBigDecimal(index, (BigDecimal) parameter);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) parameter);
            default -> statement.setObject(index, parameter);
        }
    }

    /** The comparison type for a Java type, or TEXT for strings, UUIDs, enums and anything else. */
    static SqlType forJavaType(Class<?> type) {
        if (Number.class.isAssignableFrom(type)
                || (type.isPrimitive() && type != boolean.class && type != char.class)) {
            return NUMERIC;
        }
        if (type == Boolean.class || type == boolean.class) {
            return BOOLEAN;
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return TIMESTAMPTZ;
        }
        if (type == LocalDateTime.class) {
            return TIMESTAMP;
        }
        if (type == LocalDate.class) {
            return DATE;
        }
        return TEXT;
    }
}
