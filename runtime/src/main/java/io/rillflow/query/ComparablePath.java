package io.rillflow.query;

import io.rillflow.sql.SqlType;

/**
 * A field with an order: numbers, strings, dates and times. Comparisons use the field's SQL type, so {@code 10 > 9}
 * and {@code 2026-01-10 > 2026-01-09} hold as they should.
 *
 * @param <V> the field's Java type
 */
public abstract class ComparablePath<V extends Comparable<? super V>> extends Path<V> {
    /** See {@link Path#Path(ObjectPath, String, SqlType)}. */
    protected ComparablePath(ObjectPath parent, String name, SqlType sqlType) {
        super(parent, name, sqlType);
    }

    /** A {@link Meta} column. */
    ComparablePath(String column, SqlType sqlType) {
        super(column, sqlType);
    }

    /** Greater than {@code value}. */
    public Condition gt(V value) {
        return compare(">", value);
    }

    /** Greater than or equal to {@code value}. */
    public Condition gte(V value) {
        return compare(">=", value);
    }

    /** Less than {@code value}. */
    public Condition lt(V value) {
        return compare("<", value);
    }

    /** Less than or equal to {@code value}. */
    public Condition lte(V value) {
        return compare("<=", value);
    }

    /** Between {@code low} and {@code high}, both included. */
    public Condition between(V low, V high) {
        return gte(low).and(lte(high));
    }
}
