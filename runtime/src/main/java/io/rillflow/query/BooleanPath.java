package io.rillflow.query;

import io.rillflow.sql.SqlType;

/** A boolean field. */
public final class BooleanPath extends Path<Boolean> {
    /** See {@link Path#Path(ObjectPath, String, SqlType)}. */
    public BooleanPath(ObjectPath parent, String name) {
        super(parent, name, SqlType.BOOLEAN);
    }

    /** The field is true. */
    public Condition isTrue() {
        return eq(Boolean.TRUE);
    }

    /** The field is false (not missing). */
    public Condition isFalse() {
        return eq(Boolean.FALSE);
    }
}
