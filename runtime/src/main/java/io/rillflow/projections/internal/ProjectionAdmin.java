package io.rillflow.projections.internal;

import io.rillflow.RillflowException;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.internal.LogReader;
import io.rillflow.internal.Database;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionLeaseException;
import io.rillflow.projections.ProjectionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The operator's side of projections: status, pause and resume, checkpoint reset, rebuild and dead letters. Calls
 * that change a projection's row take its row lock, so they wait for a batch running on any node to end, and never
 * interleave with one.
 */
public final class ProjectionAdmin {
    private final ProjectionEngine engine;
    private final ProjectionStatements sql;
    private final Database database;

    /** Created by the store beside its engine. */
    public ProjectionAdmin(ProjectionEngine engine) {
        this.engine = engine;
        this.sql = engine.statements();
        this.database = engine.database();
    }

    /** Sets or clears the paused flag; resuming also ends any backoff. */
    public void setPaused(String name, boolean paused) {
        String statement = paused ? sql.pause : sql.resume;
        update(statement, name);
    }

    /**
     * Moves the checkpoint to {@code position}, which must not be beyond the log's final position: a checkpoint past
     * an event whose transaction is still in flight would skip that event for good.
     */
    public void resetCheckpoint(String name, long position) {
        if (position < 0) {
            throw new IllegalArgumentException(
                    "A projection checkpoint is 0 or more, was " + position + " (for projection " + name + ")");
        }
        long settled = engine.reader().finalPosition();
        if (position > settled) {
            throw new IllegalArgumentException("Cannot move projection " + name + " to position " + position
                    + ": the log is final only up to " + settled + " (later positions are not drawn yet or belong to"
                    + " transactions still in flight, whose events would be skipped); retry once they have ended");
        }
        database.withConnection(sql.reset, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.reset)) {
                p.setLong(1, position);
                p.setString(2, name);
                return p.executeUpdate();
            }
        });
    }

    /**
     * Clears the read model through the handler's rebuild hook, moves the checkpoint to 0 and drops the dead
     * letters, in one transaction under this node's lease; the daemon then replays the log from the start.
     *
     * @throws ProjectionLeaseException if another node holds the lease
     */
    public void rebuild(ProjectionHandler handler) {
        String name = handler.name();
        Long token = engine.acquire(name, true);
        if (token == null) {
            ProjectionStatus status = status(name, List.of());
            throw new ProjectionLeaseException("Cannot rebuild projection " + name + ": node " + status.leaseHolder()
                    + " holds its lease until " + status.leaseExpires() + ". Rebuild on that node, stop it, or wait"
                    + " for the lease to expire");
        }
        try {
            engine.inTransaction(sql.rebuild, c -> {
                engine.applier(handler, c).rebuild();
                try (PreparedStatement p = c.prepareStatement(sql.rebuild)) {
                    p.setString(1, name);
                    p.setString(2, engine.options().nodeId());
                    p.setLong(3, token);
                    if (p.executeUpdate() != 1) {
                        throw new ProjectionLeaseException(
                                "Projection " + name + " was taken over by another node during the rebuild");
                    }
                } catch (SQLException e) {
                    throw HandlerFailures.afterHandler(name, sql.rebuild, e);
                }
                try (PreparedStatement p = c.prepareStatement(sql.deleteDeadLetters)) {
                    p.setString(1, name);
                    p.executeUpdate();
                }
                c.commit();
                return null;
            });
        } finally {
            engine.release(name);
        }
    }

    /**
     * Asks for a rebuild that the node holding the projection's lease performs at its next tick, for a process that
     * has no handler (see {@link RequestedRebuilds}; an inline projection's, see {@link InlineRebuildWatcher}). Asking
     * again while one is pending changes nothing.
     */
    public void requestRebuild(String name) {
        update(sql.requestRebuild, name);
    }

    /** Withdraws a pending rebuild request; false if none was pending. */
    public boolean cancelRebuild(String name) {
        return database.withConnection(sql.cancelRebuild, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.cancelRebuild)) {
                p.setString(1, name);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** When a rebuild was requested and not yet performed; null if none is pending. */
    public Instant rebuildRequestedAt(String name) {
        return database.withConnection(sql.rebuildRequested, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.rebuildRequested)) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? instant(rs, 1) : null;
                }
            }
        });
    }

    /** The projection's status; {@code types} are the type names it reads (empty: all), for the lag. */
    public ProjectionStatus status(String name, List<String> types) {
        String statement = types.isEmpty() ? sql.status : sql.statusTyped;
        return database.withConnection(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                int i = 1;
                if (!types.isEmpty()) {
                    p.setArray(i++, c.createArrayOf("text", types.toArray()));
                    p.setArray(i++, c.createArrayOf("text", types.toArray()));
                }
                p.setString(i, name);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new RillflowException("Projection " + name + " has no row in rf_projections");
                    }
                    double lagSeconds = rs.getDouble(4);
                    return new ProjectionStatus(
                            name,
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            Duration.ofMillis(Math.max(0, Math.round(lagSeconds * 1000))),
                            rs.getBoolean(5),
                            rs.getString(6),
                            instant(rs, 7),
                            rs.getLong(8),
                            rs.getInt(9),
                            instant(rs, 10),
                            rs.getString(11),
                            instant(rs, 12));
                }
            }
        });
    }

    /**
     * The names of every projection with a row in this schema, sorted: those any node ever registered, whether or not
     * one is registered in this process.
     */
    public List<String> storedNames() {
        return database.withConnection(sql.names, c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.names);
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    /** The projection's dead letters in log order. */
    public List<DeadLetter> deadLetters(String name) {
        return deadLetters(name, 0);
    }

    /** At most {@code limit} of the projection's dead letters (all of them for 0), in log order. */
    public List<DeadLetter> deadLetters(String name, int limit) {
        String statement = limit > 0 ? sql.deadLettersLimited : sql.deadLetters;
        return database.withConnection(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                p.setString(1, name);
                if (limit > 0) {
                    p.setInt(2, limit);
                }
                List<DeadLetter> letters = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        letters.add(new DeadLetter(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getObject(3, UUID.class),
                                rs.getLong(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getInt(7),
                                instant(rs, 8)));
                    }
                }
                return letters;
            }
        });
    }

    /**
     * Applies a dead-lettered event again through {@code handler} and, if it succeeds, removes the dead letter, in one
     * transaction under the projection's row lock. If the handler fails again nothing changes and its error is thrown.
     *
     * @throws IllegalArgumentException if the projection has no dead letter at {@code globalSeq}
     */
    public void requeue(ProjectionHandler handler, long globalSeq) {
        String name = handler.name();
        engine.inTransaction(sql.deadLetterLock, c -> {
            lockProjection(c, name);
            try (PreparedStatement p = c.prepareStatement(sql.deadLetterLock)) {
                p.setString(1, name);
                p.setLong(2, globalSeq);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw noDeadLetter(name, globalSeq);
                    }
                }
            }
            LogReader.Batch read = engine.reader().read(c, globalSeq - 1, globalSeq, 1, List.of());
            if (read.events().isEmpty()) {
                throw new RillflowException("Dead letter " + globalSeq + " of projection " + name
                        + " points at an event that is no longer in the log");
            }
            EventEnvelope event = read.events().get(0);
            try {
                engine.applier(handler, c).apply(read, 0);
            } catch (Exception e) {
                throw new RillflowException(
                        "Requeued " + event + " failed again in projection " + name + "; the dead letter is kept: "
                                + ProjectionEngine.describe(e),
                        e);
            }
            deleteDeadLetter(c, name, globalSeq);
            c.commit();
            return null;
        });
    }

    /** Removes one dead letter; false if there was none. */
    public boolean deleteDeadLetter(String name, long globalSeq) {
        return database.withConnection(sql.deleteDeadLetter, c -> deleteDeadLetter(c, name, globalSeq));
    }

    private boolean deleteDeadLetter(Connection c, String name, long globalSeq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.deleteDeadLetter)) {
            p.setString(1, name);
            p.setLong(2, globalSeq);
            return p.executeUpdate() == 1;
        }
    }

    private void lockProjection(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.lock)) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new RillflowException("Projection " + name + " has no row in rf_projections");
                }
            }
        }
    }

    private static IllegalArgumentException noDeadLetter(String name, long globalSeq) {
        return new IllegalArgumentException(
                "Projection " + name + " has no dead letter for event " + globalSeq + "; list them with deadLetters");
    }

    private void update(String statement, String name) {
        database.withConnection(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                p.setString(1, name);
                return p.executeUpdate();
            }
        });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
