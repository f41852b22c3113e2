package io.rillflow.internal;

import io.rillflow.DatabaseTimeoutException;
import io.rillflow.RillflowException;
import java.sql.SQLException;
import java.time.Duration;

/** Turns driver errors into Rillflow exceptions that keep what was attempted for context. */
public final class SqlErrors {
    private SqlErrors() {}

    /** Wraps {@code e} in a {@link RillflowException} naming its SQLSTATE and the statement. */
    public static RillflowException translate(String sql, SQLException e) {
        return failed("statement: " + sql, e);
    }

    /** Wraps {@code e}, ending the message with {@code context} ({@code statement: ...} or {@code during: ...}). */
    static RillflowException failed(String context, SQLException e) {
        return new RillflowException("Database error " + describe(e) + " [" + context + "]", e);
    }

    /** The error as {@code [SQLSTATE]: message}, or just its message when it has no SQLSTATE. */
    static String describe(SQLException e) {
        String state = sqlState(e);
        return (state.isEmpty() ? "" : "[" + state + "]: ") + e.getMessage();
    }

    /** The typed exception for a statement or lock timeout, naming the setting that limited it. */
    static DatabaseTimeoutException timeout(Timeouts.Limit limit, String context, SQLException e) {
        boolean lock = limit.parameter().equals("lock_timeout");
        String what = lock
                ? "Waited longer than lock_timeout (%s) for a lock another transaction holds"
                : "The statement ran longer than statement_timeout (%s)";
        String value = limit.value() == null ? "set by the application's data source" : duration(limit.value());
        String raise = limit.value() == null ? "raise it on that data source" : "raise StoreBuilder." + limit.setting();
        String fix = lock
                ? "find the transaction holding the lock (pg_locks, pg_stat_activity) or " + raise
                : raise + " or make the statement cheaper";
        return new DatabaseTimeoutException(
                what.formatted(value) + "; " + fix + ". Nothing was written. [" + context + "]",
                limit.setting(),
                limit.value(),
                e);
    }

    /** A duration as people write it: {@code 5 s}, {@code 250 ms}, {@code 10 min}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /**
     * Whether {@code e} says a schema, table or function does not exist (SQLSTATE 3F000, 42P01 or 42883): what every
     * statement on a dropped schema fails with, depending on what it names first.
     */
    static boolean missingObject(SQLException e) {
        String state = sqlState(e);
        return state.equals("3F000") || state.equals("42P01") || state.equals("42883");
    }

    /** The SQLSTATE of {@code e} or of the first cause that has one. */
    public static String sqlState(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return "";
    }
}
