package io.rillflow.sql;

import java.math.BigDecimal;
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
 *
 * <p>Depends on {@code java.base} only: the annotation processor renders compiled queries with it too (see
 * {@link SqlFragments}).
 */
public enum SqlType {
    /** Strings, UUIDs, enums and any other type: compared as text, with no cast. */
    TEXT("text", null),
    /** Every Java number type, {@code BigDecimal} included: compared as numbers, not as their text. */
    NUMERIC("numeric", null),
    /** {@code boolean} and {@code Boolean}. */
    BOOLEAN("boolean", null),
    /** Instants and offset or zoned date-times: compared as points in time. */
    TIMESTAMPTZ("timestamptz", "rf_timestamptz"),
    /** {@code LocalDateTime}: compared as a local date-time. */
    TIMESTAMP("timestamp", "rf_timestamp"),
    /** {@code LocalDate}. */
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
    public String cast(String quotedSchema, String textExpression) {
        if (this == TEXT) {
            return textExpression;
        }
        if (castFunction != null) {
            return quotedSchema + "." + castFunction + "(" + textExpression + ")";
        }
        return "(" + textExpression + ")::" + name;
    }

    /** Converts a Java value to what the driver binds for this type. */
    public Object toParameter(Object value) {
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

    /** The comparison type for a Java type, or TEXT for strings, UUIDs, enums and anything else. */
    public static SqlType forJavaType(Class<?> type) {
        if (Number.class.isAssignableFrom(type)
                || (type.isPrimitive() && type != boolean.class && type != char.class)) {
            return NUMERIC;
        }
        return forTemporalOrBoolean(type.getName());
    }

    /**
     * The comparison type of a boolean or {@code java.time} type named {@code qualifiedName} ({@code boolean},
     * {@code java.time.Instant}, ...), TEXT for any other name. The processor calls it with names from the compiler.
     */
    public static SqlType forTemporalOrBoolean(String qualifiedName) {
        return switch (qualifiedName) {
            case "boolean", "java.lang.Boolean" -> BOOLEAN;
            case "java.time.Instant", "java.time.OffsetDateTime", "java.time.ZonedDateTime" -> TIMESTAMPTZ;
            case "java.time.LocalDateTime" -> TIMESTAMP;
            case "java.time.LocalDate" -> DATE;
            default -> TEXT;
        };
    }
}
