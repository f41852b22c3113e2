package io.rillflow.query;

import io.rillflow.sql.SqlFragments;

/**
 * One sort key of a query.
 *
 * @param path the field
 * @param ascending ascending or descending
 * @param nullsGoFirst whether documents without a value come first
 */
public record Order(Path<?> path, boolean ascending, boolean nullsGoFirst) {
    /** This order with documents lacking the field first. */
    public Order nullsFirst() {
        return new Order(path, ascending, true);
    }

    /** This order with documents lacking the field last. */
    public Order nullsLast() {
        return new Order(path, ascending, false);
    }

    void render(SqlBuilder sql) {
        sql.append(SqlFragments.orderKey(path.typedExpression(sql.quotedSchema()), ascending, nullsGoFirst));
    }
}
