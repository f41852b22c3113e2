package io.rillflow.query;

import io.rillflow.sql.SqlType;

/**
 * An enum field, stored by constant name (Jackson's default).
 *
 * @param <E> the enum type
 */
public final class EnumPath<E extends Enum<E>> extends Path<E> {
    /** See {@link Path#Path(ObjectPath, String, SqlType)}. */
    public EnumPath(ObjectPath parent, String name) {
        super(parent, name, SqlType.TEXT);
    }
}
