package io.rillflow.events.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.LogListener;
import io.rillflow.internal.TenantColumn;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * drew a seq at or below P has ended. The transactions that can draw seqs are known: every statement that inserts
 * into {@code rf_events} (INSERT, COPY, {@code rf_append}, a user's own SQL, writers of any version) takes the table
 * lock ROW EXCLUSIVE before it runs, so before it draws a seq, and its transaction keeps that lock until it ends. One
 * round trip, {@code rf_log_mark}, reads two things in this order:
 *
 * <ol>
 *   <li>the sequence's last drawn value P;
 *   <li>then the set W of transactions (by virtual transaction id) that hold ROW EXCLUSIVE on {@code rf_events}, from
 *       one read of {@code pg_locks}.
 * </ol>
 *
 * A writer that drew a seq at or below P drew it before P was read, so it held the lock then, and it holds the lock
 * until it ends: when W is read, it has ended or it is in W. The mark (P, W) is final once a later read of
 * {@code pg_locks} finds none of W still holding the lock (at once, when W is empty). PostgreSQL marks a transaction
 * committed or aborted in the proc array before it releases its locks, so every writer of W has then ended for any
 * later snapshot: every event up to P is committed and visible to it, or rolled back and gone forever. Transactions
 * that took the lock after W was read are not waited for: any seq they draw is above P. Reading
 * {@code global_seq in (checkpoint, P]} under any later snapshot thus returns exactly the events that will ever exist
 * in that range, and a checkpoint at or below P never passes an event that could still appear. Gaps left by
 * rolled-back transactions are just absent rows and never stall the reader. Events within a stream keep their order:
 * an append claims its first position on a committed base (see {@link AppendWriter}), so it draws its seqs after the
 * stream's previous append committed.
 *
 * <p>The oldest append in flight does not hold back the committed events below it. Once an append has drawn its first
 * position F, it publishes F as a shared advisory lock (see {@code sql/0008_log_reader_writers.sql}) that its
 * transaction holds as long as the rows it wrote may still appear. When every transaction of W has published a first
 * position, every position below the lowest one, and at or below P, is final at once: the writers outside W have
 * ended, and those in W drew nothing below their first position. A transaction of W that published nothing (it is
 * between drawing and publishing, or it is a writer that does not publish: a previous version's, a user's own INSERT)
 * is waited for as a whole. So a reader that has just started reads the committed history below the oldest append in
 * flight at once, and a reader that runs does not wait for a long appending transaction below its first event.
 * This needs every transaction that publishes to publish before or with its first position: each of Rillflow's
 * appends publishes its first position, and a caller's transaction with several appends ({@code EventStore.within})
 * publishes one per append, of which the lowest, its first, counts; a transaction must not insert into
 * {@code rf_events} by other means and then call {@code rf_append}. Only the low 32 bits of F fit in the lock; F is taken as the position
 * with those bits nearest to P, which is exact while fewer than 2<sup>31</sup> positions separate an append in flight
 * from the head of the log.
 *
 * <p>Marks are confirmed one by one, each against a {@code pg_locks} read taken after its own: a read taken by a
 * concurrent call before the mark's own read proves nothing about the mark's writers.
 *
 * <p>Why not xids: an xid bound taken from a snapshot, such as {@code pg_snapshot_xmax} (one past the newest
 * <em>completed</em> xid), does not bound the xids already assigned, so a writer that took its xid last and is still
 * open would fall outside it; and {@code pg_snapshot_xmin} is held back by every transaction with an xid, whatever it
 * writes. Virtual transaction ids need no xid at all, so no poll consumes one.
 *
 * <p>What still delays readers: a transaction that appended events and stays open holds back every position from
 * its first event on until it ends; one that wrote {@code rf_events} without publishing (a user's INSERT, an UPDATE
 * or DELETE, a previous version's append) holds back every position not yet final when a reader met it. A prepared
 * (two-phase) transaction does the same until {@code COMMIT PREPARED} or {@code ROLLBACK PREPARED}: it keeps its
 * locks, the advisory one included, under its original virtual transaction id, and PostgreSQL removes it from the
 * proc array before releasing them. Transactions that never
 * write events, with or without an xid, and long snapshots ({@code pg_dump}) delay nobody. The reader must run on the
 * primary: a standby's {@code pg_locks} does not show the primary's writers. A rolling upgrade needs nothing: writers
 * of the previous version take the same table lock, and readers of the previous version keep calling
 * {@code rf_log_horizon}, which stays until a later release drops it. The sequence of {@code rf_events.global_seq}
 * must keep its default cache of 1, so that seqs are drawn in increasing order.
 *
 * <p>One reader instance remembers the positions it is still waiting to confirm; it is thread-safe and meant to be
 * shared by the readers of one process component.
 */
public final class LogReader {
    /** Where a tagged reader finds an event's tenant: after the columns {@link EventStoreEngine#envelope} reads. */
    private static final int TENANT_COLUMN = 11;
    /** Positions waiting for confirmation; beyond this many, new ones wait until older ones are confirmed. */
    private static final int MAX_PENDING = 64;

    /** A drawn position and the transactions that held the append lock after it was read. */
    private record Mark(long position, Set<String> writers) {}

    private final Database database;
    private final EventStoreEngine events;
    private final String channel;
    private final String markSql;
    private final String readSql;
    private final String readTypesSql;
    private final String readFilteredSql;
    private final Deque<Mark> pending = new ArrayDeque<>();
    /** Whether each event's tenant is read too: the whole log of a conjoined schema. */
    private final boolean tagged;

    private long finalPosition;

    /** Created by the store for its projection daemon; subscriptions get their own. Reads every tenant's events. */
    public LogReader(Database database, String schema, EventStoreEngine events) {
        this(database, schema, events, TenantColumn.NONE, false);
    }

    /**
     * A reader of every tenant's events in a conjoined schema that tells whose each one is ({@link Batch#tenant}),
     * for the daemon of a conjoined store, which applies each event as its tenant.
     */
    public static LogReader everyTenant(Database database, String schema, EventStoreEngine events) {
        return new LogReader(database, schema, events, TenantColumn.NONE, true);
    }

    /**
     * A reader of the events {@code tenant} appended, for the {@code readAll} of a tenant's store in a conjoined
     * schema. The final position is the whole log's, as {@code global_seq} is one sequence for every tenant: reading a
     * tenant's events up to it skips none of them, since the argument above never looks at whose events it reads.
     */
    LogReader(Database database, String schema, EventStoreEngine events, TenantColumn tenant) {
        this(database, schema, events, tenant, false);
    }

    private LogReader(Database database, String schema, EventStoreEngine events, TenantColumn tenant, boolean tagged) {
        this.database = database;
        this.tagged = tagged;
        this.events = events;
        String s = Identifiers.quote(schema);
        this.channel = LogListener.channel(schema);
        this.markSql = "select last_drawn, writers, firsts from " + s + ".rf_log_mark(?, ?, ?)";
        String columns = EventStoreEngine.COLUMNS + (tagged ? ", " + TenantColumn.NAME : "");
        String read = "select " + columns + " from " + s + ".rf_events where " + tenant.andPrefix()
                + "global_seq > ? and global_seq <= ?";
        this.readSql = read + " order by global_seq limit ?";
        this.readTypesSql = read + " and type = any(?) order by global_seq limit ?";
        this.readFilteredSql = "select " + columns + " from " + s + ".rf_events e"
                + " where " + (tenant.present() ? tenant.predicate("e") + " and " : "")
                + "global_seq > ? and global_seq <= ? and (%s) order by global_seq limit ?";
    }

    /**
     * The highest position known to be final: every event at or below it is committed and visible, or will never
     * exist. Takes one short round trip that consumes no transaction id; a position drawn since the last call is
     * final at once when no transaction is writing events, otherwise as soon as those that were are over.
     */
    public long finalPosition() {
        long known;
        long lastEligible;
        synchronized (this) {
            lastEligible =
                    pending.isEmpty() ? Long.MIN_VALUE : pending.getLast().position();
            known = pending.size() >= MAX_PENDING ? Long.MAX_VALUE : pending.isEmpty() ? finalPosition : lastEligible;
        }
        boolean waiting = lastEligible != Long.MIN_VALUE;
        return database.withConnection(markSql, c -> {
            try (PreparedStatement p = c.prepareStatement(markSql)) {
                p.setLong(1, known);
                p.setBoolean(2, waiting);
                p.setString(3, channel);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    long drawn = rs.getLong(1);
                    Array list = rs.getArray(2);
                    if (list == null) {
                        return finalPositionNow();
                    }
                    Set<String> writers = new HashSet<>(Arrays.asList((String[]) list.getArray()));
                    long below = belowFirsts(
                            drawn, writers, (String[]) rs.getArray(3).getArray());
                    Mark own = drawn > known ? addPending(new Mark(drawn, writers)) : null;
                    return confirm(writers, lastEligible, own, below);
                }
            }
        });
    }

    /** Whether positions were drawn that are not final yet: some writer's transaction may still be in flight. */
    public synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    private synchronized Mark addPending(Mark mark) {
        long last = pending.isEmpty() ? finalPosition : pending.getLast().position();
        if (mark.position() <= last) {
            return null;
        }
        pending.addLast(mark);
        return mark;
    }

    private synchronized long finalPositionNow() {
        return finalPosition;
    }

    /**
     * The highest position final by the first positions the appends in flight published: below the lowest, and at
     * most {@code drawn}; or -1 when a transaction of {@code writers} published none.
     *
     * @param firsts {@code "vxid objid"} per published lock, objid holding a position's low 32 bits offset by 2^31
     */
    private static long belowFirsts(long drawn, Set<String> writers, String[] firsts) {
        Map<String, Long> lowest = new HashMap<>();
        for (String first : firsts) {
            int space = first.lastIndexOf(' ');
            long low = (Long.parseLong(first.substring(space + 1)) + (1L << 31)) & 0xFFFF_FFFFL;
            // The position with these low bits nearest to drawn.
            long position = drawn + (int) (low - drawn);
            lowest.merge(first.substring(0, space), position, Math::min);
        }
        long below = drawn;
        for (String writer : writers) {
            Long first = lowest.get(writer);
            if (first == null) {
                return -1;
            }
            below = Math.min(below, first - 1);
        }
        return below;
    }

    /**
     * Confirms the marks whose writers all have ended, by {@code writers}, the holders read just now: only those
     * pending when this call started ({@code lastEligible} and below) and the call's own mark, whose holder reads
     * came before this one.
     */
    private synchronized long confirm(Set<String> writers, long lastEligible, Mark own, long below) {
        finalPosition = Math.max(finalPosition, below);
        for (Mark mark : pending) {
            if ((mark.position() <= lastEligible || mark == own) && Collections.disjoint(mark.writers(), writers)) {
                finalPosition = Math.max(finalPosition, mark.position());
            }
        }
        long done = finalPosition;
        pending.removeIf(mark -> mark.position() <= done);
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
        if (isEmptyRange(after, upTo, limit)) {
            return new Batch(List.of(), after);
        }
        boolean filtered = !eventTypes.isEmpty();
        String sql = filtered ? readTypesSql : readSql;
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            int i = 1;
            p.setLong(i++, after);
            p.setLong(i++, upTo);
            if (filtered) {
                p.setArray(i++, connection.createArrayOf("text", eventTypes.toArray()));
            }
            p.setInt(i, limit);
            return batch(p, upTo, limit);
        }
    }

    /**
     * As {@link #read(Connection, long, long, int, Collection)}, with the events chosen by {@code filter}: the same
     * guarantee, since a filter only leaves out events, and a short read still moves the checkpoint to {@code upTo}.
     */
    public Batch read(Connection connection, long after, long upTo, int limit, Filter filter) throws SQLException {
        if (isEmptyRange(after, upTo, limit)) {
            return new Batch(List.of(), after);
        }
        try (PreparedStatement p = connection.prepareStatement(String.format(readFilteredSql, filter.predicate()))) {
            p.setLong(1, after);
            p.setLong(2, upTo);
            int next = filter.bind(connection, p, 3);
            p.setInt(next, limit);
            return batch(p, upTo, limit);
        }
    }

    /**
     * Whether a read of {@code (after, upTo]} has nothing to read.
     *
     * @throws IllegalArgumentException if {@code after} is negative or {@code limit} below 1
     */
    private static boolean isEmptyRange(long after, long upTo, int limit) {
        if (after < 0 || limit < 1) {
            throw new IllegalArgumentException(
                    "A log read needs a position of 0 or more and a limit of 1 or more, got " + after + ", " + limit);
        }
        return upTo <= after;
    }

    /** The events {@code p} (a read up to {@code upTo}, at most {@code limit} rows) returns, as a batch. */
    private Batch batch(PreparedStatement p, long upTo, int limit) throws SQLException {
        List<EventEnvelope> found = new ArrayList<>();
        List<String> tenants = tagged ? new ArrayList<>() : null;
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                if (tagged) {
                    String tenant = rs.getString(TENANT_COLUMN);
                    tenants.add(tenant);
                    found.add(events.envelope(rs, tenant));
                } else {
                    found.add(events.envelope(rs));
                }
            }
        }
        // A short batch read everything up to upTo, including events of other types: the checkpoint may jump there.
        long next = found.size() < limit ? upTo : found.get(found.size() - 1).globalSeq();
        return new Batch(List.copyOf(found), next, tagged ? List.copyOf(tenants) : null);
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
     * @param tenants the tenant of each event, by index, from a reader of {@link #everyTenant}; null otherwise
     */
    public record Batch(List<EventEnvelope> events, long nextCheckpoint, List<String> tenants) {
        /** A read that does not tell the events' tenants. */
        public Batch(List<EventEnvelope> events, long nextCheckpoint) {
            this(events, nextCheckpoint, null);
        }

        /**
         * The tenant that appended the {@code index}th event, read by a reader of {@link #everyTenant}.
         *
         * @throws IllegalStateException if this batch's reader does not read tenants
         */
        public String tenant(int index) {
            if (tenants == null) {
                throw new IllegalStateException("This log reader does not read the events' tenants");
            }
            return tenants.get(index);
        }

        /** Whether the read stopped at its limit, so more events may follow right away. */
        public boolean full(int limit) {
            return events.size() >= limit;
        }
    }
}
