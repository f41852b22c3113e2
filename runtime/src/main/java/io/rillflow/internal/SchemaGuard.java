package io.rillflow.internal;

import io.rillflow.RillflowException;
import java.sql.SQLException;

/**
 * Decides whether a statement that named a missing schema, table or function failed because the whole schema is gone:
 * a tenant dropped while a view of it was held. Asked by {@link Database} only for those SQLSTATEs, after the failed
 * connection went back to the pool, so it may run statements of its own. A conjoined tenant's rows share tables that
 * never go, so its guard answers {@link #beforeCall()} instead.
 */
@FunctionalInterface
public interface SchemaGuard {
    /** The exception to throw instead of reporting {@code e} as a database error, or null when the schema is there. */
    RillflowException gone(SQLException e);

    /**
     * The exception to throw before a call touches the database, or null to go on; asked by {@link Database} on every
     * call, so it must answer from memory.
     */
    default RillflowException beforeCall() {
        return null;
    }
}
