package io.rillflow.query;

import io.rillflow.sql.SqlType;

/**
 * A numeric field, compared as {@code numeric} (exact for longs and decimals of any size).
 *
 * @param <N> the field's boxed Java type
 */
public final class NumberPath<N extends Number & Comparable<N>> extends ComparablePath<N> {
    /** See {@link Path#Path(ObjectPath, String, SqlType)}. */
    public NumberPath(ObjectPath parent, String name) {
        super(parent, name, SqlType.NUMERIC);
    }

    /** A {@link Meta} column of a numeric type. */
    NumberPath(String column) {
        super(column, SqlType.NUMERIC);
    }
}
