package io.rillflow.documents.internal;

import io.rillflow.ConcurrencyException;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.internal.Conflicts;
import io.rillflow.internal.Conflicts.Conflict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The bulk writes of one document table: one statement per batch of {@value #BATCH} documents, the ids, bodies and
 * expected versions sent as arrays and spread into rows by {@code unnest}. A call of more than one batch runs in one
 * transaction (or, inside a caller's transaction, under a savepoint), so it writes all of its documents or none.
 *
 * <p>Ids are distinct within a call (the caller checks): PostgreSQL refuses an {@code ON CONFLICT} that touches a row
 * twice, and an {@code UPDATE ... FROM} would write a duplicated id once, from an arbitrary element.
 */
final class BulkWrites<I> {
    /** Documents per statement: large enough to spread the round trip, small enough to keep each statement short. */
    static final int BATCH = DocumentCollection.BULK_BATCH;

    private final DocumentStatements sql;
    private final IdKind idKind;
    private final Class<I> idType;
    private final Function<Object, String> target;

    BulkWrites(DocumentStatements sql, IdKind idKind, Class<I> idType, Function<Object, String> target) {
        this.sql = sql;
        this.idKind = idKind;
        this.idType = idType;
        this.target = target;
    }

    /** Inserts or overwrites every document; the new versions in the order of {@code ids}. */
    Map<I, Long> put(Connection c, List<I> ids, List<String> bodies) throws SQLException {
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
    Map<I, Long> update(Connection c, List<I> ids, List<String> bodies, List<Long> expected) throws SQLException {
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
    long changeAll(Connection c, String statement, List<I> ids) throws SQLException {
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
        Map<I, long[]> stored = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(sql.currentVersions())) {
            p.setArray(1, idKind.array(c, unwritten));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getObject(1, idType), new long[] {rs.getLong(2), rs.getBoolean(3) ? 1 : 0});
                }
            }
        }
        int batchEnd = Math.min(ids.size(), from + BATCH);
        List<Conflict> found = new ArrayList<>();
        for (int i = from; i < ids.size(); i++) {
            I id = ids.get(i);
            if (written.containsKey(id)) {
                continue;
            }
            long[] row = stored.getOrDefault(id, new long[] {0, 0});
            boolean deleted = row[1] == 1;
            // In the failed batch every unwritten id is a conflict, even if a writer has since made it match.
            if (i < batchEnd || deleted || row[0] != expected.get(i)) {
                found.add(new Conflict(
                        target.apply(id), Long.toString(expected.get(i)), row[0], stateOf(deleted, row[0])));
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
