package io.rillflow.schema.internal;

import io.rillflow.RillflowException;
import io.rillflow.internal.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The session-level advisory lock that serializes schema changes of one schema across application nodes. It is held
 * on one connection across the migration transaction and the online index builds that follow it, since
 * {@code CREATE INDEX CONCURRENTLY} cannot run inside a transaction.
 *
 * <p>It is taken by polling {@code pg_try_advisory_lock}, never by waiting in {@code pg_advisory_lock}: a backend
 * blocked in that call holds a snapshot for as long as it waits, and a concurrent index build waits for every such
 * snapshot to end. Node B waiting for the lock that node A holds while A's build waits for B's snapshot would be a
 * deadlock that PostgreSQL breaks by failing one of them; between two polls a waiting node holds no snapshot.
 */
final class SchemaLock {
    private static final long FIRST_PAUSE_MS = 20;
    private static final long LONGEST_PAUSE_MS = 500;

    private SchemaLock() {}

    /** Runs {@code work} on {@code connection} while this session holds the lock for {@code key}, waiting for it. */
    static <R> R holding(Connection connection, String key, Database.Work<R> work) throws SQLException {
        long pause = FIRST_PAUSE_MS;
        while (!call(connection, "select pg_try_advisory_lock(hashtextextended(?, 0))", key)) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RillflowException(
                        "Interrupted while waiting for another node's schema sync (" + key + ")", e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
        }
        try {
            return work.run(connection);
        } finally {
            call(connection, "select pg_advisory_unlock(hashtextextended(?, 0))", key);
        }
    }

    private static boolean call(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
