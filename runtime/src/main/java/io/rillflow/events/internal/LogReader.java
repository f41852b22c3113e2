package io.rillflow.events.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the global event log in {@code global_seq} order for readers that keep a checkpoint and follow the log as it
 * grows (projections, subscriptions, process managers), such that no event is ever skipped and none is read twice.
 *
 * <h2>Why a checkpoint by global_seq alone is safe here</h2>
 *
 * A {@code global_seq} is drawn when the row is inserted, but the row becomes visible only when its transaction
 * commits, and transactions commit in any order. A reader that reads "everything after my checkpoint" can therefore
 * see seq 11 while seq 10 is still in flight, move its checkpoint to 11 and never see 10. Filtering on
 * {@code tx_id < pg_snapshot_xmin(pg_current_snapshot())} alone does not close this hole: xids are assigned at a
 * transaction's first write and seqs later, so transaction A can hold xid 100 and seq 11 while B holds xid 102 and
 * seq 10; with an unrelated xid 101 still open, A's event passes the filter and B's does not, and the checkpoint
 * moves past 10.
 *
 * <p>This reader instead only reads up to a <em>final position</em>: a position P such that every transaction that
 * drew a seq at or below P has ended. Such positions are found in two steps:
 *
 * <ol>
 *   <li>{@code rf_log_horizon} reads the sequence's last drawn value P, then takes a new xid X in the same short
 *       transaction, which commits at once. Every writer draws its seq after it has an xid ({@link AppendWriter} and
 *       {@code rf_append} take the xid first), and xids are handed out in increasing order, so a writer that drew a seq
 *       at or below P before P was read has an xid lower than X.
 *   <li>Later, a snapshot whose xmin is above X proves that every transaction with an xid below X has ended. From
 *       then on every event up to P is committed and visible to any later snapshot, or rolled back and gone forever.
 * </ol>
 *
 * Reading {@code global_seq in (checkpoint, P]} under any later snapshot thus returns exactly the events that will
 * ever exist in that range: a checkpoint at or below P never passes an event that could still appear. Gaps left by
 * rolled-back transactions are just absent rows and never stall the reader. Events within a stream keep their order:
 * an append claims its first position on a committed base (see {@link AppendWriter}), so it draws its seqs after the
 * stream's previous append committed.
 *
 * <p>A transaction that stays open for long anywhere in the cluster (even one that writes no events) holds xmin
 * back and delays new events until it ends, the same cost any xmin-based reader pays. The sequence of
 * {@code rf_events.global_seq} must keep its default cache of 1, so that seqs are drawn in increasing order.
 *
 * <p>One reader instance remembers the positions it is still waiting to confirm; it is thread-safe and meant to be
 * shared by the readers of one process component.
 */
public final class LogReader {
    /** Positions waiting for confirmation; beyond this many, new ones wait until older ones are confirmed. */
    private static final int MAX_PENDING = 64;

    /** A drawn position and the xid taken after it was read. */
    private record Mark(long position, long xid) {}

    private final Database database;
    private final EventStoreEngine events;
    private final String horizonSql;
    private final String readSql;
    private final String readTypesSql;
    private final String readFilteredSql;
    private final Deque<Mark> pending = new ArrayDeque<>();
    private long finalPosition;

    /** Created by the store for its projection daemon; subscriptions get their own. */
    public LogReader(Database database, String schema, EventStoreEngine events) {
        this.database = database;
        this.events = events;
        String s = Identifiers.quote(schema);
        this.horizonSql = "select last_drawn, marker::text from " + s + ".rf_log_horizon(?)";
        String read = "select " + EventStoreEngine.COLUMNS + " from " + s
                + ".rf_events where global_seq > ? and global_seq <= ?";
        this.readSql = read + " order by global_seq limit ?";
        this.readTypesSql = read + " and type = any(?) order by global_seq limit ?";
        this.readFilteredSql = "select " + EventStoreEngine.COLUMNS + " from " + s + ".rf_events e"
                + " where global_seq > ? and global_seq <= ? and (%s) order by global_seq limit ?";
    }

    /**
     * The highest position known to be final: every event at or below it is committed and visible, or will never
     * exist. Takes at most two short round trips; a position drawn since the last call becomes final as soon as the
     * transactions that were open when it was read have ended, usually on this call.
     */
    public long finalPosition() {
        long known;
        synchronized (this) {
            known = pending.size() >= MAX_PENDING
                    ? Long.MAX_VALUE
                    : pending.isEmpty() ? finalPosition : pending.getLast().position();
        }
        return database.withConnection(horizonSql, c -> {
            try (PreparedStatement p = c.prepareStatement(horizonSql)) {
                p.setLong(1, known);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    String marker = rs.getString(2);
                    if (marker != null) {
                        addPending(new Mark(rs.getLong(1), Long.parseLong(marker)));
                    }
                }
            }
            if (!hasPending()) {
                return finalPositionNow();
            }
            // A new statement, so a new snapshot: taken after the marker's transaction committed.
            try (PreparedStatement p = c.prepareStatement("select pg_snapshot_xmin(pg_current_snapshot())::text");
                    ResultSet rs = p.executeQuery()) {
                rs.next();
                return confirm(Long.parseLong(rs.getString(1)));
            }
        });
    }

    /** Whether positions were drawn that are not final yet: some writer's transaction may still be in flight. */
    public synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    private synchronized void addPending(Mark mark) {
        long last = pending.isEmpty() ? finalPosition : pending.getLast().position();
        if (mark.position() > last) {
            pending.addLast(mark);
        }
    }

    private synchronized long finalPositionNow() {
        return finalPosition;
    }

    private synchronized long confirm(long xmin) {
        for (Iterator<Mark> i = pending.iterator(); i.hasNext(); ) {
            Mark mark = i.next();
            // xids stay far below 2^63 in practice; compare unsigned all the same, as PostgreSQL does for xid8.
            if (Long.compareUnsigned(mark.xid(), xmin) < 0) {
                finalPosition = Math.max(finalPosition, mark.position());
                i.remove();
            }
        }
        return finalPosition;
    }

    /**
     * At most {@code limit} events with {@code after < global_seq <= upTo}, in global order, read on
     * {@code connection} (typically the caller's batch transaction, so what it writes commits with its checkpoint).
     *
     * @param upTo a position returned by {@link #finalPosition()}; reading beyond a final position loses the
     *     guarantee
     * @param eventTypes the type names to read; empty for all (filtered in SQL, on the {@code (type, global_seq)}
     *     index)
     * @return the events and the position the caller may move its checkpoint to
     */
    public Batch read(Connection connection, long after, long upTo, int limit, Collection<String> eventTypes)
            throws SQLException {
        if (after < 0 || limit < 1) {
            throw new IllegalArgumentException(
                    "A log read needs a position of 0 or more and a limit of 1 or more, got " + after + ", " + limit);
        }
        if (upTo <= after) {
            return new Batch(List.of(), after);
        }
        boolean filtered = !eventTypes.isEmpty();
        String sql = filtered ? readTypesSql : readSql;
        List<EventEnvelope> found = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            int i = 1;
            p.setLong(i++, after);
            p.setLong(i++, upTo);
            if (filtered) {
                p.setArray(i++, connection.createArrayOf("text", eventTypes.toArray()));
            }
            p.setInt(i, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    found.add(events.envelope(rs));
                }
            }
        }
        // A short batch read everything up to upTo, including events of other types: the checkpoint may jump there.
        long next = found.size() < limit ? upTo : found.get(found.size() - 1).globalSeq();
        return new Batch(List.copyOf(found), next);
    }

    /**
     * As {@link #read(Connection, long, long, int, Collection)}, with the events chosen by {@code filter}: the same
     * guarantee, since a filter only leaves out events, and a short read still moves the checkpoint to {@code upTo}.
     */
    public Batch read(Connection connection, long after, long upTo, int limit, Filter filter) throws SQLException {
        if (after < 0 || limit < 1) {
            throw new IllegalArgumentException(
                    "A log read needs a position of 0 or more and a limit of 1 or more, got " + after + ", " + limit);
        }
        if (upTo <= after) {
            return new Batch(List.of(), after);
        }
        List<EventEnvelope> found = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(String.format(readFilteredSql, filter.predicate()))) {
            p.setLong(1, after);
            p.setLong(2, upTo);
            int next = filter.bind(connection, p, 3);
            p.setInt(next, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    found.add(events.envelope(rs));
                }
            }
        }
        long next = found.size() < limit ? upTo : found.get(found.size() - 1).globalSeq();
        return new Batch(List.copyOf(found), next);
    }

    /**
     * A condition on the events read, for readers that want fewer than all (subscriptions). The predicate is fixed
     * SQL text over the events row aliased {@code e}; every value in it is a {@code ?} parameter bound by
     * {@link #bind}, never text spliced into the SQL.
     */
    public interface Filter {
        /** The SQL condition, e.g. {@code e.type = any(?)}; {@code true} for every event. */
        String predicate();

        /**
         * Binds the predicate's parameters from {@code index} on.
         *
         * @return the index of the next parameter
         */
        int bind(Connection connection, PreparedStatement statement, int index) throws SQLException;
    }

    /**
     * One read: the events in global order, and the checkpoint to store once they are applied.
     *
     * @param events the events read
     * @param nextCheckpoint the position up to which nothing else will ever need reading
     */
    public record Batch(List<EventEnvelope> events, long nextCheckpoint) {
        /** Whether the read stopped at its limit, so more events may follow right away. */
        public boolean full(int limit) {
            return events.size() >= limit;
        }
    }
}
