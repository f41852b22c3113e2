package io.rillflow.documents.internal;

import io.rillflow.ConcurrencyException;
import io.rillflow.RillflowException;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.documents.UniqueIndexViolationException;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.JsonCodec;
import io.rillflow.internal.NulCharacters;
import io.rillflow.internal.TenantColumn;
import io.rillflow.metrics.internal.StoreMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postgresql.util.PSQLException;

/**
 * What every statement on one document table shares, whichever kind of write or read runs it: the id checked, the
 * body encoded and decoded, the statement run on the store's (or the caller's) connection, and a failure named the way
 * a user reads it (the field of a violated unique index, the versions of a conflict).
 *
 * @param <T> the document type
 * @param <I> the id type
 */
final class TableAccess<T, I> {
    private final Database database;
    private final JsonCodec json;
    private final DocumentStatements sql;
    private final Class<T> type;
    private final Class<I> idType;
    private final IdKind idKind;
    private final List<IndexDefinition> indexes;
    private final StoreMetrics.Documents meters;

    TableAccess(
            Database database,
            JsonCodec json,
            DocumentStatements sql,
            Class<T> type,
            Class<I> idType,
            IdKind idKind,
            List<IndexDefinition> indexes) {
        this.database = database;
        this.json = json;
        this.sql = sql;
        this.type = type;
        this.idType = idType;
        this.idKind = idKind;
        this.indexes = List.copyOf(indexes);
        this.meters = database.metrics().documents(sql.name());
    }

    /** The same table on {@code bound}, a database bound to the caller's connection. */
    TableAccess<T, I> on(Database bound) {
        return new TableAccess<>(bound, json, sql, type, idType, idKind, indexes);
    }

    Database database() {
        return database;
    }

    JsonCodec json() {
        return json;
    }

    DocumentStatements sql() {
        return sql;
    }

    Class<T> type() {
        return type;
    }

    Class<I> idType() {
        return idType;
    }

    IdKind idKind() {
        return idKind;
    }

    /** The counters of this document type, which a session's writes feed too. */
    StoreMetrics.Documents meters() {
        return meters;
    }

    T decode(I id, String body) {
        return json.read(body, type, () -> target(id));
    }

    String encode(I id, T doc) {
        Objects.requireNonNull(doc, () -> "The document to store as " + target(id) + " must not be null");
        return json.write(doc, () -> target(id));
    }

    String target(Object id) {
        return "document " + sql.name() + "/" + id;
    }

    /** {@code id} as this table's id type, checked as every statement needs it. */
    I requireId(Object id) {
        if (id == null) {
            throw new IllegalArgumentException("The id of a " + sql.name() + " document must not be null");
        }
        if (!idType.isInstance(id)) {
            throw new IllegalArgumentException("The id of a " + sql.name() + " document must be a "
                    + idType.getSimpleName() + ", got " + id.getClass().getName());
        }
        if (id instanceof String text) {
            NulCharacters.requireNone("the id of a " + sql.name() + " document", text);
        }
        return idType.cast(id);
    }

    static void requireExpected(long expectedVersion) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException(
                    "The expected version must be 0 (no document yet) or positive, was " + expectedVersion);
        }
    }

    /** Runs {@code work} like the database does, naming the field of a declared unique index it violates. */
    <R> R guarded(String statement, Database.Work<R> work) {
        try {
            return database.withConnection(statement, work);
        } catch (RillflowException e) {
            throw uniqueViolation(e);
        }
    }

    /** As {@link #guarded}, in one transaction under the background timeouts: a bulk load may run for minutes. */
    <R> R guardedTransaction(String statement, Database.Work<R> work) {
        try {
            return database.inBackgroundTransaction(statement, work);
        } catch (RillflowException e) {
            throw uniqueViolation(e);
        }
    }

    /** {@code e}, or the typed exception when its cause is a unique violation of one of this type's indexes. */
    RillflowException uniqueViolation(RillflowException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && "23505".equals(p.getSQLState()) && p.getServerErrorMessage() != null) {
                String constraint = p.getServerErrorMessage().getConstraint();
                for (IndexDefinition index : indexes) {
                    if (index.unique() && names(index.indexName(sql.name()), constraint)) {
                        return new UniqueIndexViolationException(
                                type,
                                constraint,
                                index.path().dotted(),
                                p.getServerErrorMessage().getDetail(),
                                e);
                    }
                }
            }
        }
        return e;
    }

    /**
     * Whether {@code constraint} is the index {@code declared}, or, in a table partitioned by tenant, its index on the
     * partition this tenant's rows live in: the tenant's own, or the default one.
     */
    private boolean names(String declared, String constraint) {
        if (declared.equals(constraint)) {
            return true;
        }
        TenantColumn tenant = sql.tenant();
        return tenant.present()
                && (Identifiers.defaultPartitionName(declared).equals(constraint)
                        || Identifiers.tenantPartitionName(declared, tenant.tenant())
                                .equals(constraint));
    }

    /** The exception for a write that expected {@code expectedVersion} and found another, counted as a conflict. */
    ConcurrencyException conflict(Connection c, I id, long expectedVersion) throws SQLException {
        meters.conflicts(1);
        String expected = expectedVersion == 0 ? "0 (no document)" : Long.toString(expectedVersion);
        Optional<Stored> stored = stored(c, id);
        // A soft-deleted document keeps its id and version: say so, and how to write it again.
        return stored.map(found -> new ConcurrencyException(
                        target(id),
                        expected,
                        found.version(),
                        found.deleted()
                                ? "soft-deleted: restore(id) brings it back, put(id, document) replaces it"
                                : null))
                .orElseGet(() -> new ConcurrencyException(target(id), expected, 0));
    }

    /** A stored row's version and whether it is soft-deleted; {@link #NONE} for no row. */
    record Stored(long version, boolean deleted) {
        static final Stored NONE = new Stored(0, false);
    }

    Optional<Stored> stored(Connection c, I id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.currentVersion())) {
            idKind.bind(p, 1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getLong(1), rs.getBoolean(2))) : Optional.empty();
            }
        }
    }

    /**
     * The stored row of each of {@code ids} that has one, read in one statement: for naming the conflicts of a bulk
     * write. A missing id is a document that does not exist.
     */
    Map<I, Stored> storedAll(Connection c, List<I> ids) throws SQLException {
        Map<I, Stored> stored = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(sql.currentVersions())) {
            p.setArray(1, idKind.array(c, ids));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getObject(1, idType), new Stored(rs.getLong(2), rs.getBoolean(3)));
                }
            }
        }
        return stored;
    }

    /** The version a write's {@code returning} clause gave, or empty when it wrote no row. */
    static Optional<Long> returnedVersion(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }
}
