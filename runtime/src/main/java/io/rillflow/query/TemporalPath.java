package io.rillflow.query;

import io.rillflow.sql.SqlType;
import java.time.temporal.Temporal;

/**
 * A date or time field ({@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime}, {@code LocalDateTime},
 * {@code LocalDate}), stored as ISO-8601 text and compared as {@code timestamptz}, {@code timestamp} or {@code date}.
 *
 * @param <V> the field's Java type
 */
public final class TemporalPath<V extends Temporal & Comparable<? super V>> extends ComparablePath<V> {
    /** @param type the field's Java type, which decides the SQL type */
    public TemporalPath(ObjectPath parent, String name, Class<V> type) {
        super(parent, name, SqlType.forJavaType(type));
    }

    /** A {@link Meta} column of type {@code timestamptz}. */
    TemporalPath(String column, Class<V> type) {
        super(column, SqlType.forJavaType(type));
    }

    /** Strictly after {@code value}. */
    public Condition after(V value) {
        return gt(value);
    }

    /** Strictly before {@code value}. */
    public Condition before(V value) {
        return lt(value);
    }
}
