package io.rillflow.processor.queries;

import io.rillflow.sql.SqlType;

/**
 * How one method parameter fills the next {@code ?} (or two, for a page) of a compiled statement; each kind is one
 * {@code io.rillflow.spi.QueryParameters} method.
 *
 * @param kind which binding method
 * @param parameter the method parameter's name
 * @param type the SQL type of values and arrays, else null
 */
record Binding(Kind kind, String parameter, SqlType type) {
    /** The binding methods, by their name in {@code QueryParameters}. */
    enum Kind {
        VALUE("value"),
        ARRAY("array"),
        ELEMENT("containedElement"),
        PATTERN("pattern"),
        STARTS_WITH("startsWith"),
        ENDS_WITH("endsWith"),
        CONTAINING("containing"),
        PAGE("page");

        private final String method;

        Kind(String method) {
            this.method = method;
        }

        String method() {
            return method;
        }
    }
}
