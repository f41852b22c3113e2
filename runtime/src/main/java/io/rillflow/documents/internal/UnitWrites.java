package io.rillflow.documents.internal;

import io.rillflow.RillflowException;
import io.rillflow.internal.Conflicts.Conflict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes a unit of work stages for one document table, sent in as few statements as the kinds of change allow:
 * one per kind (overwrite, version-checked overwrite, insert, delete) and per {@value BulkWrites#BATCH} documents,
 * with ids, bodies and versions as arrays. A write that meets a conflict does not fail: it is reported, so that the
 * unit can name every conflict before it rolls back its transaction, which the caller holds.
 *
 * @param <T> the document type
 * @param <I> the id type
 */
public final class UnitWrites<T, I> {
    /** What a staged change does. */
    public enum Kind {
        /** Insert or overwrite; with an expected version, overwrite only a live document at that version. */
        STORE,
        /** Insert a document whose id must be free. */
        INSERT,
        /** Remove the document for good; with an expected version, only at that version. */
        DELETE
    }

    /**
     * One change of one document.
     *
     * @param kind what it does
     * @param id the document's id
     * @param body the document as JSON ({@link #encode}); null for a delete
     * @param expected the version the document must have, or -1 for none
     */
    public record Change<I>(Kind kind, I id, String body, long expected) {}

    /**
     * What the writes did.
     *
     * @param versions the new version of each document stored or inserted
     * @param conflicts the changes not written because the document was not at the expected version
     */
    public record Result<I>(Map<I, Long> versions, List<Conflict> conflicts) {}

    private final TableAccess<T, I> table;
    private final DocumentStatements sql;
    private final IdKind idKind;
    private final Class<I> idType;

    UnitWrites(TableAccess<T, I> table) {
        this.table = table;
        this.sql = table.sql();
        this.idKind = table.idKind();
        this.idType = table.idType();
    }

    /** The document name. */
    public String name() {
        return sql.name();
    }

    /**
     * Checks an id as every write of the collection does.
     *
     * @throws IllegalArgumentException if it is null, of another type, or holds a NUL character
     */
    public I requireId(Object id) {
        return table.requireId(id);
    }

    /** {@code document} as the JSON the collection stores, within the store's limits. */
    public String encode(I id, T document) {
        return table.encode(id, document);
    }

    /** {@code e}, or the typed exception naming the field when it is a unique index of this document violated. */
    public RillflowException translate(RillflowException e) {
        return table.uniqueViolation(e);
    }

    /** Sends {@code changes} (one per id) on {@code c}, inside the caller's transaction. */
    public Result<I> write(Connection c, List<Change<I>> changes) throws SQLException {
        List<Change<I>> upserts = new ArrayList<>();
        List<Change<I>> replaces = new ArrayList<>();
        List<Change<I>> inserts = new ArrayList<>();
        List<Change<I>> deletes = new ArrayList<>();
        for (Change<I> change : changes) {
            switch (change.kind()) {
                case STORE ->
                    (change.expected() < 0 ? upserts : change.expected() == 0 ? inserts : replaces).add(change);
                case INSERT -> inserts.add(change);
                case DELETE -> deletes.add(change);
            }
        }
        Map<I, Long> versions = new HashMap<>();
        List<Change<I>> missed = new ArrayList<>();
        run(c, sql.bulkUpsert(), upserts, true, false, versions, missed);
        run(c, sql.bulkReplace(), replaces, true, true, versions, missed);
        run(c, sql.bulkInsertNew(), inserts, true, false, versions, missed);
        run(c, sql.bulkDeleteChecked(), deletes, false, true, versions, missed);
        // An unchecked delete of a missing document wrote nothing, and nothing was expected of it.
        boolean conflicted = missed.stream().anyMatch(change -> change.kind() != Kind.DELETE || change.expected() >= 0);
        List<Conflict> conflicts = conflicted ? conflicts(c, missed) : List.of();
        // Counted when written, inside the session's transaction: a conflict elsewhere in the unit rolls them back.
        table.meters().written(changes.size() - missed.size());
        table.meters().conflicts(conflicts.size());
        return new Result<>(versions, conflicts);
    }

    /**
     * Runs {@code statement} over {@code changes} batch by batch: ids first, then the bodies if {@code bodies}, then
     * the expected versions if {@code expected}. The statement returns the id (and new version) of each row written;
     * the changes it did not write go to {@code missed}.
     */
    private void run(
            Connection c,
            String statement,
            List<Change<I>> changes,
            boolean bodies,
            boolean expected,
            Map<I, Long> versions,
            List<Change<I>> missed)
            throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        Map<I, Long> written = new HashMap<>();
        for (int from = 0; from < changes.size(); from += BulkWrites.BATCH) {
            List<Change<I>> batch = changes.subList(from, Math.min(changes.size(), from + BulkWrites.BATCH));
            try (PreparedStatement p = c.prepareStatement(statement)) {
                int parameter = 1;
                p.setArray(
                        parameter++,
                        idKind.array(c, batch.stream().map(Change::id).toList()));
                if (bodies) {
                    p.setArray(
                            parameter++,
                            c.createArrayOf(
                                    "text", batch.stream().map(Change::body).toArray()));
                }
                if (expected) {
                    p.setArray(
                            parameter,
                            c.createArrayOf(
                                    "bigint",
                                    batch.stream().map(Change::expected).toArray()));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        written.put(rs.getObject(1, idType), bodies ? rs.getLong(2) : 0L);
                    }
                }
            }
        }
        for (Change<I> change : changes) {
            Long version = written.get(change.id());
            if (version == null) {
                missed.add(change);
            } else if (bodies) {
                versions.put(change.id(), version);
            }
        }
    }

    /** The conflicts among the changes not written: each with the version stored now, read in one statement. */
    private List<Conflict> conflicts(Connection c, List<Change<I>> missed) throws SQLException {
        Map<I, TableAccess.Stored> stored =
                table.storedAll(c, missed.stream().map(Change::id).toList());
        List<Conflict> conflicts = new ArrayList<>();
        for (Change<I> change : missed) {
            if (change.kind() == Kind.DELETE && change.expected() < 0) {
                continue;
            }
            TableAccess.Stored row = stored.getOrDefault(change.id(), TableAccess.Stored.NONE);
            boolean inserting = change.kind() == Kind.INSERT || change.expected() == 0;
            String expected = inserting ? "0 (no document)" : Long.toString(change.expected());
            String state = row.deleted() ? "soft-deleted" : row.version() == 0 ? "it does not exist" : null;
            conflicts.add(new Conflict(table.target(change.id()), expected, row.version(), state));
        }
        return conflicts;
    }
}
