package io.rillflow.sessions.internal;

import io.rillflow.ConcurrencyException;
import io.rillflow.RillflowException;
import io.rillflow.documents.internal.UnitWrites.Change;
import io.rillflow.documents.internal.UnitWrites.Result;
import io.rillflow.events.EventStore;
import io.rillflow.events.Expected;
import io.rillflow.internal.Actor;
import io.rillflow.internal.Conflicts;
import io.rillflow.internal.Conflicts.Conflict;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.sessions.SessionOptions;
import io.rillflow.store.internal.StoreContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One {@code saveChanges}: every staged change in one transaction, or none. Tables are written in name order and
 * appends in stream order (each stream's appends in the order staged), so two units touching the same documents and
 * streams take their locks in the same order and queue rather than deadlock. Document writes report conflicts
 * without failing, so the unit names all of them; an append's conflict fails its statement, after which the other
 * streams are checked with one more read to name theirs too.
 */
final class UnitSave {
    private static final String WRITE = "a session's unit of work";
    private static final Comparator<StagedAppend> STREAM_ORDER = Comparator.comparing(StagedAppend::streamId);

    private final StoreContext context;
    private final Database database;
    private final SessionOptions options;
    private final List<TrackedTable<?, ?>> tables;
    private final List<StagedAppend> appends;

    UnitSave(
            StoreContext context,
            Database database,
            SessionOptions options,
            Collection<TrackedTable<?, ?>> tables,
            List<StagedAppend> appends) {
        this.context = context;
        this.database = database;
        this.options = options;
        this.tables = new ArrayList<>(tables);
        this.tables.sort(Comparator.comparing(TrackedTable::name));
        this.appends = new ArrayList<>(appends);
        this.appends.sort(STREAM_ORDER);
    }

    /** A table's changes, encoded before the transaction opens, and what writing them returned. */
    private static final class TableWork<I> {
        final TrackedTable<?, I> table;
        final List<Change<I>> changes;
        Map<I, Long> versions = Map.of();

        TableWork(TrackedTable<?, I> table) {
            this.table = table;
            this.changes = table.changes();
        }

        List<Conflict> write(Connection c) throws SQLException {
            Result<I> result = table.writes().write(c, changes);
            versions = result.versions();
            return result.conflicts();
        }

        void saved() {
            table.saved(changes, versions);
        }
    }

    void run() {
        List<TableWork<?>> work = new ArrayList<>();
        for (TrackedTable<?, ?> table : tables) {
            TableWork<?> changes = new TableWork<>(table);
            if (!changes.changes.isEmpty()) {
                work.add(changes);
            }
        }
        if (work.isEmpty() && appends.isEmpty()) {
            return;
        }
        boolean[] appending = {false};
        try {
            boolean joined = joinsCallerTransaction();
            database.inTransaction(WRITE, c -> {
                // Inside the caller's transaction a conflict must undo this unit's writes, and only them.
                Savepoint savepoint = joined ? c.setSavepoint() : null;
                try {
                    write(c, work, appending);
                    if (savepoint != null) {
                        c.releaseSavepoint(savepoint);
                    }
                    return null;
                } catch (SQLException | RuntimeException e) {
                    if (savepoint != null) {
                        c.rollback(savepoint);
                    }
                    throw e;
                }
            });
        } catch (ConcurrencyException e) {
            throw appending[0] ? withOtherStreams(e) : e;
        } catch (RillflowException e) {
            throw translated(e, work);
        }
        work.forEach(TableWork::saved);
    }

    /** Whether the session works inside a transaction the caller opened, rather than in one of its own. */
    private boolean joinsCallerTransaction() {
        if (options.connection().isEmpty()) {
            return false;
        }
        try {
            return !options.connection().get().getAutoCommit();
        } catch (SQLException e) {
            throw new RillflowException("The session's connection cannot be used: " + e.getMessage(), e);
        }
    }

    private void write(Connection c, List<TableWork<?>> work, boolean[] appending) throws SQLException {
        Actor.set(c, options.actor().orElse(null));
        if (options.streamLocks() && !appends.isEmpty()) {
            lockStreams(c);
        }
        List<Conflict> conflicts = new ArrayList<>();
        for (TableWork<?> table : work) {
            conflicts.addAll(table.write(c));
        }
        if (!conflicts.isEmpty()) {
            conflicts.addAll(streamConflicts(c, null));
            throw Conflicts.exception(conflicts, WRITE);
        }
        appending[0] = true;
        EventStore events = context.events().within(c);
        for (StagedAppend append : appends) {
            append.send(events);
        }
    }

    /** Takes every stream's append lock in stream-id order, as {@code AppendBuilder.lockStream()} keys it. */
    private void lockStreams(Connection c) throws SQLException {
        TreeSet<UUID> streams = new TreeSet<>();
        appends.forEach(append -> streams.add(append.streamId()));
        // In a conjoined schema the key names the tenant too, as rf_append_tenant's does.
        String key =
                context.tenant().present() ? "'rf_stream:" + context.tenant().tenant() + ":'" : "'rf_stream:'";
        try (PreparedStatement p = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(" + key + " ||"
                + " s::text, 0)) from unnest(?::uuid[]) as s")) {
            p.setArray(1, c.createArrayOf("uuid", streams.toArray()));
            p.executeQuery().close();
        }
    }

    /**
     * The appends whose stream is not at the version they expect, read on {@code c}, the first conflict being
     * {@code first} if given: each stream is judged by its first staged append, as later ones expect what it leaves.
     */
    private List<Conflict> streamConflicts(Connection c, ConcurrencyException first) throws SQLException {
        Map<UUID, StagedAppend> firsts = new LinkedHashMap<>();
        for (StagedAppend append : appends) {
            if (append.expected().code() != Expected.any().code()) {
                firsts.putIfAbsent(append.streamId(), append);
            }
        }
        if (firsts.isEmpty()) {
            return List.of();
        }
        Map<UUID, Long> versions = new HashMap<>();
        // A stream's version is the position of its last event (see sql/0007_insert_only_appends.sql).
        try (PreparedStatement p = c.prepareStatement("select u.id, (select e.stream_seq from "
                + Identifiers.quote(context.schema()) + ".rf_events e where "
                + (context.tenant().present() ? context.tenant().predicate("e") + " and " : "")
                + "e.stream_id = u.id order by e.stream_seq"
                + " desc limit 1) from unnest(?::uuid[]) as u(id)")) {
            p.setArray(1, c.createArrayOf("uuid", firsts.keySet().toArray()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        List<Conflict> conflicts = new ArrayList<>();
        if (first != null) {
            conflicts.add(new Conflict(first.target(), first.expected(), first.actual(), null));
        }
        for (StagedAppend append : firsts.values()) {
            long version = versions.getOrDefault(append.streamId(), 0L);
            String target = "stream " + append.streamId();
            if (!matches(append.expected(), version)
                    && (first == null || !first.target().equals(target))) {
                conflicts.add(new Conflict(target, append.expected().toString(), version, null));
            }
        }
        return conflicts;
    }

    private static boolean matches(Expected expected, long version) {
        long code = expected.code();
        return code == Expected.any().code()
                || (code == Expected.streamExists().code() ? version > 0 : version == code);
    }

    /** An append's conflict, with the other streams' conflicts read after the rollback. */
    private ConcurrencyException withOtherStreams(ConcurrencyException e) {
        try {
            List<Conflict> all = database.withConnection(WRITE, c -> streamConflicts(c, e));
            return all.size() > 1 ? Conflicts.exception(all, WRITE) : e;
        } catch (RuntimeException failed) {
            e.addSuppressed(failed);
            return e;
        }
    }

    /** {@code e}, or the typed exception of the unique index of one of the unit's documents that it names. */
    private static RillflowException translated(RillflowException e, List<TableWork<?>> work) {
        for (TableWork<?> table : work) {
            RillflowException typed = table.table.writes().translate(e);
            if (typed != e) {
                return typed;
            }
        }
        return e;
    }
}
