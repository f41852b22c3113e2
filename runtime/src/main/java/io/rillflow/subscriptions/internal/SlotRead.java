package io.rillflow.subscriptions.internal;

import io.rillflow.events.internal.LogReader;
import io.rillflow.internal.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * One read of one slot a worker holds, in a transaction holding the slot's row: checks the lease's fencing token,
 * catches up with an acknowledgement that rolled back, honours the group's pause and its bound on events in flight,
 * reads the slot's events up to the log's final position and records them in flight.
 */
final class SlotRead {
    private final Database database;
    private final SubscriptionStatements sql;
    private final LogReader reader;
    private final FilterSql filter;
    private final int slotCount;
    private final SlotFence fence;

    SlotRead(
            Database database,
            SubscriptionStatements sql,
            LogReader reader,
            FilterSql filter,
            int slotCount,
            SlotFence fence) {
        this.database = database;
        this.sql = sql;
        this.reader = reader;
        this.filter = filter;
        this.slotCount = slotCount;
        this.fence = fence;
    }

    /**
     * What a read found: the events (perhaps none), and whether the group is paused ({@code groupPaused} as it was
     * when the read did not get to the group's row).
     */
    record Read(LogReader.Batch batch, boolean groupPaused) {}

    /**
     * Reads up to {@code room} events of {@code slot} up to {@code upTo}; null if this worker no longer holds the slot.
     *
     * @param groupPaused whether the group was paused as the worker last saw it
     */
    Read read(Slot slot, int room, long upTo, boolean groupPaused) {
        return database.inBackgroundTransaction(sql.lockSlot, c -> {
            long dbInFlight;
            try (PreparedStatement p = c.prepareStatement(sql.lockSlot)) {
                p.setString(1, fence.subscription());
                p.setString(2, fence.group());
                p.setInt(3, slot.index);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        // busy: a caller's ack holds the row
                        return new Read(new LogReader.Batch(List.of(), slot.position), groupPaused);
                    }
                    if (!fence.worker().equals(rs.getString(3)) || rs.getLong(2) != slot.token) {
                        return null;
                    }
                    long persisted = rs.getLong(1);
                    if (persisted < slot.checkpoint) {
                        // An acknowledgement in a caller's transaction rolled back: deliver from the real checkpoint.
                        slot.rewind(persisted);
                    }
                    slot.checkpoint = Math.max(slot.checkpoint, persisted);
                    slot.position = Math.max(slot.position, persisted);
                    slot.verify = false;
                    dbInFlight = rs.getInt(4);
                }
            }
            LogReader.Batch none = new LogReader.Batch(List.of(), slot.position);
            if (slot.position >= upTo) {
                return new Read(none, groupPaused);
            }
            int limit = room;
            boolean paused;
            Integer max;
            try (PreparedStatement p = c.prepareStatement(sql.lockGroup)) {
                p.setString(1, fence.subscription());
                p.setString(2, fence.group());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    paused = rs.getBoolean(2);
                    max = (Integer) rs.getObject(3);
                }
            }
            if (paused) {
                return new Read(none, true);
            }
            if (max != null) {
                long others = sumInFlight(c) - dbInFlight;
                limit = (int) Math.min(limit, max - others - slot.unacked.size());
                if (limit <= 0) {
                    return new Read(none, false);
                }
            }
            LogReader.Batch batch =
                    reader.read(c, slot.position, upTo, limit, filter.forSlot(sql.schema, slotCount, slot.index));
            fence.inFlight(c, slot, slot.unacked.size() + batch.events().size());
            return new Read(batch, false);
        });
    }

    private long sumInFlight(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.sumInFlight)) {
            p.setString(1, fence.subscription());
            p.setString(2, fence.group());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
