package io.rillflow.query;

import io.rillflow.sql.SqlType;
import java.util.UUID;

/** A UUID field, stored as its canonical string. */
public final class UuidPath extends Path<UUID> {
    /** See {@link Path#Path(ObjectPath, String, SqlType)}. */
    public UuidPath(ObjectPath parent, String name) {
        super(parent, name, SqlType.TEXT);
    }
}
