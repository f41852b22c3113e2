package io.rillflow.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** The hand-written optimistic append the raw peers use: what an application would write without Rillflow. */
final class RawAppend {
    private RawAppend() {}

    /**
     * Moves the stream row from {@code expected} to {@code expected + n} (creating it when {@code expected} is 0),
     * inserts the events (one statement, or one JDBC batch for several) and commits: three round trips.
     *
     * @return the new stream version
     * @throws IllegalStateException if the stream is not at {@code expected}
     */
    static long optimistic(BenchDatabase db, UUID stream, long expected, List<?> events) throws SQLException {
        int n = events.size();
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            bodies[i] = db.json(events.get(i));
        }
        try (Connection c = db.pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                int moved;
                if (expected == 0) {
                    try (PreparedStatement p = c.prepareStatement(db.rawCreateStream)) {
                        p.setObject(1, stream);
                        p.setLong(2, n);
                        moved = p.executeUpdate();
                    }
                } else {
                    try (PreparedStatement p = c.prepareStatement(db.rawBumpStream)) {
                        p.setLong(1, n);
                        p.setObject(2, stream);
                        p.setLong(3, expected);
                        moved = p.executeUpdate();
                    }
                }
                if (moved != 1) {
                    throw new IllegalStateException("Stream " + stream + " is not at version " + expected);
                }
                try (PreparedStatement p = c.prepareStatement(db.rawInsertEvent)) {
                    for (int i = 0; i < n; i++) {
                        p.setObject(1, stream);
                        p.setLong(2, expected + i + 1);
                        p.setString(3, "item_added");
                        p.setString(4, bodies[i]);
                        if (n > 1) {
                            p.addBatch();
                        }
                    }
                    if (n > 1) {
                        p.executeBatch();
                    } else {
                        p.executeUpdate();
                    }
                }
                c.commit();
                return expected + n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
