package io.rillflow.internal;

import io.rillflow.metrics.internal.StoreMetrics;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Remembers what a unit of work was doing when the database refused it: the text of the statement whose call threw,
 * or the connection call ({@code commit}, {@code setAutoCommit}) that did. A unit of work runs several statements on
 * one connection, so the label its caller gives is only a fallback; an error message must quote the statement that
 * actually failed, not the first one the caller thought of.
 *
 * <p>The work gets a {@link WatchedConnection}, a plain delegate of its connection; statements it creates are
 * delegates too. Nothing else changes: they forward every call, {@code unwrap} included, and rethrow the driver's own
 * exception. They are hand-written rather than {@link java.lang.reflect.Proxy}s because they sit on every JDBC call of
 * every operation: a call costs one virtual call more, and a failure one record.
 */
final class AttemptLog {
    /** What a failed call was: a statement's text, or the name of a connection call. */
    record Attempt(String what, boolean statement) {}

    /** A driver call that returns a value. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws SQLException;
    }

    /** A driver call that returns nothing. */
    @FunctionalInterface
    interface Run {
        void run() throws SQLException;
    }

    private final StoreMetrics metrics;
    private SQLException failure;
    private Attempt attempt;

    AttemptLog(StoreMetrics metrics) {
        this.metrics = metrics;
    }

    /** {@code connection}, recording into this log every failed call on it and on the statements it creates. */
    Connection watch(Connection connection) {
        return new WatchedConnection(connection, this);
    }

    /** What was attempted when {@code e} (or an exception it wraps) was thrown, or null if it was not recorded. */
    Attempt attempted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == failure) {
                return attempt;
            }
        }
        return null;
    }

    /** Runs {@code call}, recording {@code what} (a statement's text if {@code statement}) if it throws. */
    <T> T call(String what, boolean statement, Call<T> call) throws SQLException {
        try {
            return call.call();
        } catch (SQLException e) {
            throw failed(e, what, statement);
        }
    }

    /**
     * As {@link #call}, for a call that executes {@code what}: timed when the store measures statements, and not even
     * reading the clock when it does not.
     */
    <T> T execute(String what, boolean statement, Call<T> call) throws SQLException {
        return execute(what, statement, call, null);
    }

    /**
     * As {@link #execute(String, boolean, Call)}; when the call succeeded, the slow statement log may ask {@code plan}
     * (null: none) for the statement's plan.
     */
    <T> T execute(String what, boolean statement, Call<T> call, StoreMetrics.PlanSource plan) throws SQLException {
        if (!metrics.timesStatements()) {
            return call(what, statement, call);
        }
        long start = System.nanoTime();
        boolean succeeded = false;
        try {
            T result = call(what, statement, call);
            succeeded = true;
            return result;
        } finally {
            metrics.statement(what, System.nanoTime() - start, succeeded ? plan : null);
        }
    }

    /** As {@link #call}, for a call that returns nothing. */
    void run(String what, boolean statement, Run run) throws SQLException {
        try {
            run.run();
        } catch (SQLException e) {
            throw failed(e, what, statement);
        }
    }

    /** Records that {@code e} was thrown by {@code what}, and returns it to be rethrown. */
    <E extends SQLException> E failed(E e, String what, boolean statement) {
        failure = e;
        attempt = new Attempt(what, statement);
        return e;
    }
}
