package io.rillflow.query;

import io.rillflow.sql.SqlType;

/**
 * A nested object of a document; generated metamodels subclass it with one field per property
 * ({@code Customer_.address.city}).
 */
public class ObjectPath extends Path<Object> {
    /** @param parent the enclosing object's path, or null at the top level @param name the property name */
    public ObjectPath(ObjectPath parent, String name) {
        super(parent, name, SqlType.TEXT);
    }
}
