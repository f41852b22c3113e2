package io.rillflow.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.rillflow.DatabaseTimeoutException;
import io.rillflow.PoolTimeoutException;
import io.rillflow.RillflowException;
import io.rillflow.metrics.internal.StoreMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Borrowing connections and running transactions. Callbacks throw {@link SQLException}; this class turns the ones
 * that escape into {@link RillflowException}s, after rolling back. The message quotes the statement that failed (see
 * {@link AttemptLog}); the label a caller passes is what the work was about and only names a failure no statement
 * caused. A wait for a pooled connection that runs out is a {@link PoolTimeoutException}, a statement or lock timeout
 * a {@link DatabaseTimeoutException} naming the setting to raise (see {@link Timeouts} for which limits apply).
 */
public final class Database {
    private static final int DEADLOCK_ATTEMPTS = 5;

    private final DataSource dataSource;
    /** The caller's connection every call runs on, inside the caller's transaction; null for a pooled database. */
    private final Connection bound;

    private final Timeouts timeouts;
    /** What the store measures; every feature finds its meters here, as every feature runs on this database. */
    private final StoreMetrics metrics;
    /** Tells a statement that failed because the schema is gone (a dropped tenant's); null: no schema can go. */
    private final SchemaGuard guard;

    public Database(DataSource dataSource) {
        this(dataSource, Timeouts.defaults(false));
    }

    public Database(DataSource dataSource, Timeouts timeouts) {
        this(dataSource, timeouts, StoreMetrics.NONE);
    }

    public Database(DataSource dataSource, Timeouts timeouts, StoreMetrics metrics) {
        this(dataSource, null, timeouts, metrics, null);
    }

    private Database(
            DataSource dataSource, Connection bound, Timeouts timeouts, StoreMetrics metrics, SchemaGuard guard) {
        this.dataSource = dataSource;
        this.bound = bound;
        this.timeouts = timeouts;
        this.metrics = metrics;
        this.guard = guard;
    }

    /**
     * The same database working on {@code connection} only: calls never close it, and {@link #inTransaction} joins
     * the caller's transaction, so what they write commits or rolls back with it. On a connection in auto-commit mode
     * there is no transaction to join: {@link #inTransaction} then commits its own, as on a pooled connection.
     */
    public Database boundTo(Connection connection) {
        return new Database(dataSource, connection, timeouts, metrics, guard);
    }

    /** The same database reporting to {@code metrics} (a tenant's, say). */
    public Database withMetrics(StoreMetrics metrics) {
        return new Database(dataSource, bound, timeouts, metrics, guard);
    }

    /** The same database asking {@code guard} about every failure that may mean its schema was dropped. */
    public Database guardedBy(SchemaGuard guard) {
        return new Database(dataSource, bound, timeouts, metrics, guard);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The store's meters ({@link StoreMetrics#NONE} when it was given no meter registry). */
    public StoreMetrics metrics() {
        return metrics;
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

    /** Runs {@code work}, described by {@code label}, on a pooled connection in auto-commit mode. */
    public <R> R withConnection(String label, Work<R> work) {
        return run(label, false, false, work);
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <R> R inTransaction(String label, Work<R> work) {
        return run(label, true, false, work);
    }

    /**
     * As {@link #inTransaction}, under the background statement and lock timeouts: for a projection batch or a
     * subscription fetch, which holds one transaction over many events. Costs one round trip ({@code SET LOCAL}).
     */
    public <R> R inBackgroundTransaction(String label, Work<R> work) {
        return run(label, true, true, work);
    }

    /**
     * Runs {@code transaction}, a whole transaction that leaves nothing behind when it fails, again when PostgreSQL
     * breaks a deadlock by failing it: for schema changes that lock several tables, which no lock order can keep from
     * crossing both a session (documents then events) and a projection batch (events then documents). Up to {@value
     * #DEADLOCK_ATTEMPTS} attempts, a short random pause between them.
     */
    public static <R> R retryingDeadlocks(Supplier<R> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RillflowException e) {
                if (attempt == DEADLOCK_ATTEMPTS
                        || !(e.getCause() instanceof SQLException cause)
                        || !"40P01".equals(SqlErrors.sqlState(cause))) {
                    throw e;
                }
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(20, 50L * (1 + attempt)));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new RillflowException("Interrupted while retrying after a deadlock", interrupted);
            }
        }
    }

    /**
     * Runs {@code work} on a pooled connection in auto-commit mode with no statement or lock timeout, restoring the
     * connection's own limits afterwards: for schema changes, which wait for other nodes' migrations and for every
     * older transaction (an index built concurrently), however long that takes.
     */
    public <R> R withoutTimeouts(String label, Work<R> work) {
        return withConnection(label, c -> {
            String[] saved = setTimeouts(
                    c,
                    "select current_setting('statement_timeout'), current_setting("
                            + "'lock_timeout'), set_config('statement_timeout', '0', false), set_config('lock_timeout', '0',"
                            + " false)");
            try {
                return work.run(c);
            } finally {
                if (!c.isClosed()) {
                    restoreTimeouts(c, saved);
                }
            }
        });
    }

    /**
     * On the store's own pool, back to the session defaults its startup packet set (so the connection is as new);
     * on an application's data source, back to the values read before, which its pool may have set in other ways.
     */
    private void restoreTimeouts(Connection c, String[] saved) throws SQLException {
        if (timeouts.interactiveOnConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("reset statement_timeout; reset lock_timeout");
            }
        } else {
            setTimeouts(
                    c, "select set_config('statement_timeout', ?, false), set_config('lock_timeout', ?, false)", saved);
        }
    }

    private <R> R run(String label, boolean transaction, boolean background, Work<R> work) {
        if (guard != null) {
            RillflowException gone = guard.beforeCall();
            if (gone != null) {
                throw gone;
            }
        }
        AttemptLog log = new AttemptLog(metrics);
        if (bound != null) {
            try {
                // A caller's connection in auto-commit has no transaction to join: work of several statements (a COPY
                // append, an append with its inline projections) gets one of its own, or it would commit piecemeal.
                if (transaction && bound.getAutoCommit()) {
                    return transact(bound, log.watch(bound), background, work);
                }
                return work.run(log.watch(bound));
            } catch (SQLException e) {
                throw translate(label, log, e, false);
            }
        }
        try (Connection connection = borrow(label)) {
            Connection c = log.watch(connection);
            if (!transaction) {
                return work.run(c);
            }
            return transact(connection, c, background, work);
        } catch (SQLException e) {
            throw translate(label, log, e, background);
        }
    }

    /**
     * Runs {@code work} in one transaction on {@code c}, a connection the caller holds and keeps (with its session
     * locks) afterwards: committed if it returns, rolled back otherwise (a failed rollback is added to what failed),
     * and back in auto-commit either way.
     */
    public static <R> R inTransactionOn(Connection c, Work<R> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            R result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Runs {@code work} on {@code c} (the watched {@code connection}) in one transaction, and leaves the connection in
     * the auto-commit mode it had.
     */
    private <R> R transact(Connection connection, Connection c, boolean background, Work<R> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (background) {
                setTimeouts(
                        c,
                        "select set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)",
                        millis(timeouts.backgroundStatement()),
                        millis(timeouts.backgroundLock()));
            }
            R result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(connection, e); // unwatched: a failed rollback must not hide what failed first
            throw e;
        } finally {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static String[] setTimeouts(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setString(i + 1, values[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    private static String millis(Duration limit) {
        return Long.toString(limit.toMillis());
    }

    /**
     * A pooled connection for work described by {@code label}, which the caller closes; a wait that runs out is a
     * {@link PoolTimeoutException} with the pool's state, not an error quoting a statement that never ran.
     */
    public Connection borrow(String label) {
        try {
            return dataSource.getConnection();
        } catch (SQLTransientConnectionException e) {
            throw poolTimeout(label, e);
        } catch (SQLException e) {
            throw new RillflowException(
                    "Cannot get a database connection to " + label + ": " + SqlErrors.describe(e), e);
        }
    }

    private RillflowException poolTimeout(String label, SQLTransientConnectionException e) {
        if (!(dataSource instanceof HikariDataSource hikari)) {
            return new RillflowException(
                    "No connection from the data source to " + label + ": " + SqlErrors.describe(e), e);
        }
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        Duration limit = Duration.ofMillis(hikari.getConnectionTimeout());
        String state = pool == null
                ? "the pool is closed"
                : "pool size " + hikari.getMaximumPoolSize() + ", active " + pool.getActiveConnections() + ", idle "
                        + pool.getIdleConnections() + ", waiting " + pool.getThreadsAwaitingConnection();
        return new PoolTimeoutException(
                "No connection from the pool within " + SqlErrors.duration(limit) + " (StoreBuilder.connectTimeout) to "
                        + label + "; " + state + ". Every connection was busy or the server unreachable: raise"
                        + " maxConnections or connectTimeout, or find what holds the connections ("
                        + SqlErrors.describe(e) + ")",
                limit,
                e);
    }

    private RillflowException translate(String label, AttemptLog log, SQLException e, boolean background) {
        AttemptLog.Attempt attempt = log.attempted(e);
        String context = attempt == null
                ? "during: " + label
                : attempt.statement() ? "statement: " + attempt.what() : "during: " + attempt.what() + ", in: " + label;
        if (guard != null && SqlErrors.missingObject(e)) {
            RillflowException gone = guard.gone(e);
            if (gone != null) {
                return gone;
            }
        }
        Timeouts.Limit limit = timeouts.ranOut(SqlErrors.sqlState(e), background);
        if (limit != null && !e.getMessage().contains("user request")) {
            return SqlErrors.timeout(limit, context, e);
        }
        return SqlErrors.failed(context, e);
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            failure.addSuppressed(rollback);
        }
    }
}
