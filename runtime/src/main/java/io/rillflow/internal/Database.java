package io.rillflow.internal;

import io.rillflow.RillflowException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Borrowing connections and running transactions. Callbacks throw {@link SQLException}; this class turns the ones
 * that escape into {@link RillflowException}s that carry the statement, after rolling back.
 */
public final class Database {
    private final DataSource dataSource;
    /** The caller's connection every call runs on, inside the caller's transaction; null for a pooled database. */
    private final Connection bound;

    public Database(DataSource dataSource) {
        this(dataSource, null);
    }

    private Database(DataSource dataSource, Connection bound) {
        this.dataSource = dataSource;
        this.bound = bound;
    }

    /**
     * The same database working on {@code connection} only: calls neither close it nor commit, and
     * {@link #inTransaction} joins the caller's transaction, so what they write commits or rolls back with it.
     */
    public Database boundTo(Connection connection) {
        return new Database(dataSource, connection);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The caller's connection this database is bound to, if it is (see {@link #boundTo}). */
    public Optional<Connection> boundConnection() {
        return Optional.ofNullable(bound);
    }

    /** A unit of work against one connection. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode: one statement, one round trip. */
    public <R> R withConnection(String sql, Work<R> work) {
        if (bound != null) {
            return onBound(sql, work);
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.translate(sql, e);
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <R> R inTransaction(String sql, Work<R> work) {
        if (bound != null) {
            return onBound(sql, work);
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                R result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(sql, e);
        }
    }

    private <R> R onBound(String sql, Work<R> work) {
        try {
            return work.run(bound);
        } catch (SQLException e) {
            throw SqlErrors.translate(sql, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            failure.addSuppressed(rollback);
        }
    }
}
