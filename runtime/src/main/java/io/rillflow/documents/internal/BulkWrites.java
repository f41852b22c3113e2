package io.rillflow.documents.internal;

import io.rillflow.ConcurrencyException;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.Versioned;
import io.rillflow.internal.BulkCopy;
import io.rillflow.internal.Conflicts;
import io.rillflow.internal.Conflicts.Conflict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The bulk writes of one document table: new documents by {@code COPY}, the others one statement per batch of
 * {@value #BATCH} documents, the ids, bodies and expected versions sent as arrays and spread into rows by
 * {@code unnest}. A call of more than one batch runs in one transaction (or, inside a caller's transaction, under a
 * savepoint), so it writes all of its documents or none.
 *
 * <p>Ids are distinct within a call (checked before anything is sent): PostgreSQL refuses an {@code ON CONFLICT} that
 * touches a row twice, and an {@code UPDATE ... FROM} would write a duplicated id once, from an arbitrary element.
 */
final class BulkWrites<T, I> {
    /** Documents per statement: large enough to spread the round trip, small enough to keep each statement short. */
    static final int BATCH = DocumentCollection.BULK_BATCH;

    private final TableAccess<T, I> table;
    private final DocumentStatements sql;
    private final IdKind idKind;
    private final Class<I> idType;

    BulkWrites(TableAccess<T, I> table) {
        this.table = table;
        this.sql = table.sql();
        this.idKind = table.idKind();
        this.idType = table.idType();
    }

    /** Inserts new documents by {@code COPY}, in one transaction; see {@link DocumentCollection#bulkInsert}. */
    long insert(Map<I, T> documents) {
        BulkCopy copy = new BulkCopy(sql.copyIn());
        for (Map.Entry<I, T> entry : documents.entrySet()) {
            I id = entry.getKey();
            table.requireId(id);
            copy.row(sql.copyRow(id.toString(), table.encode(id, entry.getValue())));
        }
        long inserted = table.guardedTransaction(sql.copyIn(), copy::send);
        table.meters().written(inserted);
        return inserted;
    }

    /** See {@link DocumentCollection#bulkPut}. */
    Map<I, Long> put(Map<I, T> documents) {
        List<I> ids = checkedIds(documents.keySet());
        List<String> bodies = new ArrayList<>(ids.size());
        documents.forEach((id, doc) -> bodies.add(table.encode(id, doc)));
        Map<I, Long> versions = table.guarded(sql.bulkUpsert(), c -> put(c, ids, bodies));
        table.meters().written(versions.size());
        return versions;
    }

    /** See {@link DocumentCollection#bulkUpdate}. */
    Map<I, Long> update(Map<I, Versioned<T>> documents) {
        List<I> ids = checkedIds(documents.keySet());
        List<String> bodies = new ArrayList<>(ids.size());
        List<Long> expected = new ArrayList<>(ids.size());
        documents.forEach((id, doc) -> {
            Objects.requireNonNull(
                    doc, () -> "The versioned document to store as " + table.target(id) + " must not be null");
            if (doc.version() < 1) {
                throw new IllegalArgumentException("The expected version of " + table.target(id)
                        + " must be positive, was " + doc.version()
                        + ": bulkUpdate overwrites existing documents (bulkInsert stores new ones)");
            }
            bodies.add(table.encode(id, doc.value()));
            expected.add(doc.version());
        });
        Map<I, Long> versions;
        try {
            versions = table.guarded(sql.bulkReplace(), c -> update(c, ids, bodies, expected));
        } catch (ConcurrencyException e) {
            table.meters().conflicts(1);
            throw e;
        }
        table.meters().written(versions.size());
        return versions;
    }

    /** Runs the one-parameter statement {@code statement} over {@code ids}: a bulk delete or soft delete. */
    long changeAll(String statement, Collection<I> ids) {
        List<I> checked = checkedIds(ids);
        long changed = table.guarded(statement, c -> changeAll(c, statement, checked));
        table.meters().written(changed);
        return changed;
    }

    /** The ids of a bulk call, each checked and each once (a map's keys may still repeat under another equality). */
    private List<I> checkedIds(Collection<I> ids) {
        Objects.requireNonNull(ids, "the ids or documents of a bulk call must not be null");
        Set<I> seen = new HashSet<>();
        for (I id : ids) {
            table.requireId(id);
            if (!seen.add(id)) {
                throw new IllegalArgumentException(
                        "The id " + id + " appears twice in one bulk call on " + sql.name() + ": give each id once");
            }
        }
        return new ArrayList<>(ids);
    }

    /** Inserts or overwrites every document; the new versions in the order of {@code ids}. */
    private Map<I, Long> put(Connection c, List<I> ids, List<String> bodies) throws SQLException {
        // One batch is one statement, atomic by itself: no transaction, so one round trip.
        return atomically(c, ids.size() > BATCH, () -> {
            Map<I, Long> versions = new HashMap<>();
            for (int from = 0; from < ids.size(); from += BATCH) {
                int to = Math.min(ids.size(), from + BATCH);
                try (PreparedStatement p = c.prepareStatement(sql.bulkUpsert())) {
                    p.setArray(1, idKind.array(c, ids.subList(from, to)));
                    p.setArray(
                            2, c.createArrayOf("text", bodies.subList(from, to).toArray()));
                    readVersions(p, versions);
                }
            }
            return inOrder(ids, versions);
        });
    }

    /**
     * Overwrites every document whose live version is the expected one, or none of them: the first batch with a
     * conflict rolls the call back and the exception names every conflicting id of the call.
     */
    private Map<I, Long> update(Connection c, List<I> ids, List<String> bodies, List<Long> expected)
            throws SQLException {
        // Always a transaction: a batch that finds a conflict has already written its other rows.
        return atomically(c, true, () -> {
            Map<I, Long> versions = new HashMap<>();
            for (int from = 0; from < ids.size(); from += BATCH) {
                int to = Math.min(ids.size(), from + BATCH);
                try (PreparedStatement p = c.prepareStatement(sql.bulkReplace())) {
                    p.setArray(1, idKind.array(c, ids.subList(from, to)));
                    p.setArray(
                            2, c.createArrayOf("text", bodies.subList(from, to).toArray()));
                    p.setArray(
                            3,
                            c.createArrayOf("bigint", expected.subList(from, to).toArray()));
                    readVersions(p, versions);
                }
                if (versions.size() < to) {
                    throw conflicts(c, ids, expected, from, versions);
                }
            }
            return inOrder(ids, versions);
        });
    }

    /** Runs the one-parameter statement {@code statement} over {@code ids} batch by batch; the rows it changed. */
    private long changeAll(Connection c, String statement, List<I> ids) throws SQLException {
        return atomically(c, ids.size() > BATCH, () -> {
            long changed = 0;
            for (int from = 0; from < ids.size(); from += BATCH) {
                try (PreparedStatement p = c.prepareStatement(statement)) {
                    p.setArray(1, idKind.array(c, ids.subList(from, Math.min(ids.size(), from + BATCH))));
                    changed += p.executeUpdate();
                }
            }
            return changed;
        });
    }

    /**
     * The exception for a bulk update that found a conflict in the batch starting at {@code from}: the ids of that
     * batch it did not write, and the ids of later batches whose stored version is not the expected one. Earlier
     * batches were written by this transaction, so they are no conflict.
     */
    private ConcurrencyException conflicts(
            Connection c, List<I> ids, List<Long> expected, int from, Map<I, Long> written) throws SQLException {
        List<I> unwritten = new ArrayList<>();
        for (int i = from; i < ids.size(); i++) {
            if (!written.containsKey(ids.get(i))) {
                unwritten.add(ids.get(i));
            }
        }
        Map<I, TableAccess.Stored> stored = table.storedAll(c, unwritten);
        int batchEnd = Math.min(ids.size(), from + BATCH);
        List<Conflict> found = new ArrayList<>();
        for (int i = from; i < ids.size(); i++) {
            I id = ids.get(i);
            if (written.containsKey(id)) {
                continue;
            }
            TableAccess.Stored row = stored.getOrDefault(id, TableAccess.Stored.NONE);
            // In the failed batch every unwritten id is a conflict, even if a writer has since made it match.
            if (i < batchEnd || row.deleted() || row.version() != expected.get(i)) {
                found.add(new Conflict(
                        table.target(id),
                        Long.toString(expected.get(i)),
                        row.version(),
                        stateOf(row.deleted(), row.version())));
            }
        }
        return Conflicts.exception(found, "a bulk update");
    }

    private static String stateOf(boolean deleted, long actual) {
        if (deleted) {
            return "soft-deleted: restore it first, or bulkPut replaces it";
        }
        return actual == 0 ? "it does not exist" : null;
    }

    private void readVersions(PreparedStatement p, Map<I, Long> versions) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                versions.put(rs.getObject(1, idType), rs.getLong(2));
            }
        }
    }

    private static <I> Map<I, Long> inOrder(List<I> ids, Map<I, Long> versions) {
        Map<I, Long> ordered = new LinkedHashMap<>();
        for (I id : ids) {
            ordered.put(id, versions.get(id));
        }
        return ordered;
    }

    @FunctionalInterface
    private interface Batches<R> {
        R run() throws SQLException;
    }

    /**
     * Runs {@code batches} all or nothing when {@code needed}: in a transaction of its own on an auto-commit
     * connection, under a savepoint inside a caller's transaction (so a conflict undoes only this call's writes and
     * leaves the caller's transaction usable).
     */
    private static <R> R atomically(Connection c, boolean needed, Batches<R> batches) throws SQLException {
        if (!needed) {
            return batches.run();
        }
        if (c.getAutoCommit()) {
            c.setAutoCommit(false);
            try {
                R result = batches.run();
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                undo(e, c::rollback);
                throw e;
            } finally {
                if (!c.isClosed()) {
                    c.setAutoCommit(true);
                }
            }
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            R result = batches.run();
            c.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            undo(e, () -> c.rollback(savepoint));
            throw e;
        }
    }

    @FunctionalInterface
    private interface Undo {
        void run() throws SQLException;
    }

    /** Rolls back, keeping a failure to do so beside {@code cause} rather than in its place. */
    private static void undo(Throwable cause, Undo rollback) {
        try {
            rollback.run();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
