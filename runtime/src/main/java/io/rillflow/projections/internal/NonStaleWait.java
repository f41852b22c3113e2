package io.rillflow.projections.internal;

import io.rillflow.RillflowException;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.projections.StaleProjectionsException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Waits until projections have processed the log up to its head as of the call, reading their checkpoints from
 * {@code rf_projections}, so it works whichever node runs the daemon. A checkpoint at or past the head means every
 * event up to it is applied: the daemon only moves a checkpoint to a final position, past which no writer still in
 * flight can commit an event.
 */
final class NonStaleWait {
    /** How long to sleep between two reads of the checkpoints: short, as callers are usually tests. */
    private static final long POLL_MILLIS = 20;

    private final Database database;
    private final String headSql;
    private final String checkpointsSql;

    NonStaleWait(ProjectionEngine engine) {
        this.database = engine.database();
        String s = Identifiers.quote(engine.schema());
        this.headSql = "select coalesce(max(global_seq), 0) from " + s + ".rf_events";
        this.checkpointsSql = "select name, last_seq, paused, coalesce(lease_expires > now(), false), attempts,"
                + " last_error" + " from " + s
                + ".rf_projections where name = any(?) order by name";
    }

    /**
     * Blocks until every projection of {@code names} is at the head, or throws when {@code deadline} (a
     * {@link System#nanoTime()}) passes, naming {@code timeout}, the wait the caller asked for.
     */
    void await(List<String> names, Duration timeout, long deadline) {
        if (names.isEmpty()) {
            return;
        }
        long head = database.withConnection(headSql, c -> {
            try (PreparedStatement p = c.prepareStatement(headSql);
                    ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        while (true) {
            List<Position> behind = behind(names, head);
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw stale(behind, head, timeout);
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RillflowException("Interrupted while waiting for projections to reach log position " + head);
            }
        }
    }

    /** A projection behind the head; {@code failing} is the error of the event it is retrying, or null. */
    private record Position(String name, long checkpoint, boolean paused, boolean leased, String failing) {}

    private List<Position> behind(List<String> names, long head) {
        return database.withConnection(checkpointsSql, c -> {
            List<Position> behind = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(checkpointsSql)) {
                Array array = c.createArrayOf("text", names.toArray());
                p.setArray(1, array);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getLong(2) < head) {
                            behind.add(new Position(
                                    rs.getString(1),
                                    rs.getLong(2),
                                    rs.getBoolean(3),
                                    rs.getBoolean(4),
                                    rs.getInt(5) > 0 ? rs.getString(6) : null));
                        }
                    }
                }
            }
            return behind;
        });
    }

    private static StaleProjectionsException stale(List<Position> behind, long head, Duration timeout) {
        Map<String, Long> checkpoints = new TreeMap<>();
        List<String> described = new ArrayList<>();
        for (Position position : behind) {
            checkpoints.put(position.name(), position.checkpoint());
            String state = position.paused()
                    ? " (paused: resume it)"
                    : !position.leased()
                            ? " (no node runs it: start a daemon with store.projections().start())"
                            : position.failing() != null
                                    ? " (retrying a failed event: " + position.failing() + ")"
                                    : "";
            described.add(position.name() + " at " + position.checkpoint() + state);
        }
        return new StaleProjectionsException(
                "Projections still behind log position " + head + " after " + timeout + ": "
                        + String.join(", ", described),
                head,
                checkpoints);
    }
}
