package io.rillflow.subscriptions.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The fenced writes of a worker's slots: each names the slot, the worker and the lease's fencing token, so a worker
 * that lost its slot (lease expired, group reset) writes nothing.
 */
record SlotFence(SubscriptionStatements sql, String subscription, String group, String worker) {
    /** Binds the slot's key, worker and token from {@code index}; returns the next parameter index. */
    int bind(PreparedStatement p, int index, Slot slot) throws SQLException {
        p.setString(index, subscription);
        p.setString(index + 1, group);
        p.setInt(index + 2, slot.index);
        p.setString(index + 3, worker);
        p.setLong(index + 4, slot.token);
        return index + 5;
    }

    /**
     * Writes {@code slot}'s checkpoint and in-flight count, acknowledging up to {@code below}; false if the worker no
     * longer holds the slot.
     */
    boolean writeCheckpoint(Connection c, Slot slot, long checkpoint, int inFlight, long below) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.checkpoint)) {
            p.setLong(1, checkpoint);
            p.setInt(2, inFlight);
            int i = bind(p, 3, slot);
            p.setLong(i, below);
            return p.executeUpdate() == 1;
        }
    }

    /** Records {@code inFlight} events of {@code slot} in flight. */
    void inFlight(Connection c, Slot slot, int inFlight) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.inFlight)) {
            p.setInt(1, inFlight);
            bind(p, 2, slot);
            p.executeUpdate();
        }
    }
}
