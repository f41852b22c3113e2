package io.rillflow.documents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.RillflowException;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentMetadata;
import io.rillflow.documents.DocumentVersion;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.documents.Patch;
import io.rillflow.documents.StoredDocument;
import io.rillflow.documents.UniqueIndexViolationException;
import io.rillflow.documents.Versioned;
import io.rillflow.internal.BulkCopy;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.JsonCodec;
import io.rillflow.internal.NulCharacters;
import io.rillflow.internal.TenantColumn;
import io.rillflow.metrics.internal.StoreMetrics;
import io.rillflow.query.DocumentQuery;
import io.rillflow.query.internal.QueryAccess;
import io.rillflow.query.internal.QueryTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.postgresql.util.PSQLException;

/** The documents of one type in their table {@code rf_doc_<name>}: the statements and their JSON. */
public final class TableCollection<T, I> implements DocumentCollection<T, I> {
    /** How often {@link #update(Object, UnaryOperator)} re-reads after losing a race before giving up. */
    private static final int UPDATE_ATTEMPTS = 5;

    private final Database database;
    private final JsonCodec json;
    private final DocumentStatements sql;
    private final Class<T> type;
    private final Class<I> idType;
    private final IdKind idKind;
    private final QueryTarget<T> queryTarget = new Target();
    private final List<IndexDefinition> indexes;
    private final PatchCheck patchCheck;
    private final BulkWrites<I> bulk;
    private final DocumentHistory<T> history;
    private final StoreMetrics.Documents meters;

    TableCollection(
            Database database,
            JsonCodec json,
            DocumentStatements sql,
            Class<T> type,
            Class<I> idType,
            IdKind idKind,
            List<IndexDefinition> indexes,
            DocumentHistory<T> history) {
        this(database, json, sql, type, idType, idKind, indexes, new PatchCheck(json.mapper(), type), history);
    }

    private TableCollection(
            Database database,
            JsonCodec json,
            DocumentStatements sql,
            Class<T> type,
            Class<I> idType,
            IdKind idKind,
            List<IndexDefinition> indexes,
            PatchCheck patchCheck,
            DocumentHistory<T> history) {
        this.patchCheck = patchCheck;
        this.history = history;
        this.database = database;
        this.indexes = List.copyOf(indexes);
        this.json = json;
        this.sql = sql;
        this.type = type;
        this.idType = idType;
        this.idKind = idKind;
        this.bulk = new BulkWrites<>(sql, idKind, idType, this::target);
        this.meters = database.metrics().documents(sql.name());
    }

    @Override
    public DocumentCollection<T, I> within(Connection connection) {
        // Without this check a null would quietly mean "the pool": writes committed outside the caller's transaction.
        Objects.requireNonNull(connection, "connection: within(...) needs the caller's open connection");
        Database bound = database.boundTo(connection);
        return new TableCollection<>(bound, json, sql, type, idType, idKind, indexes, patchCheck, history.on(bound));
    }

    @Override
    public List<DocumentVersion<T>> history(I id) {
        return history(id, Integer.MAX_VALUE);
    }

    @Override
    public List<DocumentVersion<T>> history(I id, int limit) {
        requireId(id);
        return history.versions(id, limit);
    }

    @Override
    public Optional<DocumentVersion<T>> atVersion(I id, long version) {
        requireId(id);
        return history.atVersion(id, version);
    }

    @Override
    public Optional<DocumentVersion<T>> asOf(I id, Instant time) {
        requireId(id);
        return history.asOf(id, time);
    }

    @Override
    public DocumentQuery<T> query() {
        return QueryAccess.factory().query(queryTarget);
    }

    /** The counters of this document type, which a session's writes feed too. */
    StoreMetrics.Documents meters() {
        return meters;
    }

    /** The writes of a unit of work (a session's {@code saveChanges}) to this collection's table. */
    public UnitWrites<T, I> unitWrites() {
        return new UnitWrites<>(this, sql, idKind, idType);
    }

    /** What queries over this collection run on, for compiled query support. */
    public QueryTarget<T> queryTarget() {
        return queryTarget;
    }

    @Override
    public long deleteAll() {
        String delete = sql.deleteAll();
        return guarded(delete, c -> {
            try (Statement s = c.createStatement()) {
                return (long) s.executeUpdate(delete);
            }
        });
    }

    @Override
    public String name() {
        return sql.name();
    }

    @Override
    public Class<T> documentType() {
        return type;
    }

    @Override
    public Class<I> idType() {
        return idType;
    }

    @Override
    public Optional<Versioned<T>> get(I id) {
        requireId(id);
        return guarded(sql.get(), c -> {
            try (PreparedStatement p = c.prepareStatement(sql.get())) {
                idKind.bind(p, 1, id);
                try (ResultSet rs = p.executeQuery()) {
                    meters.read();
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Versioned<>(decode(id, rs.getString(1)), rs.getLong(2)));
                }
            }
        });
    }

    @Override
    public Optional<T> load(I id) {
        return get(id).map(Versioned::value);
    }

    @Override
    public Optional<StoredDocument<T>> loadWithMetadata(I id) {
        requireId(id);
        return guarded(sql.getWithMetadata(), c -> {
            try (PreparedStatement p = c.prepareStatement(sql.getWithMetadata())) {
                idKind.bind(p, 1, id);
                try (ResultSet rs = p.executeQuery()) {
                    meters.read();
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    DocumentMetadata metadata = new DocumentMetadata(
                            rs.getLong(2),
                            instant(rs, 3),
                            instant(rs, 4),
                            Optional.ofNullable(rs.getObject(5, OffsetDateTime.class))
                                    .map(OffsetDateTime::toInstant),
                            Optional.ofNullable(rs.getString(6)),
                            Optional.ofNullable(rs.getString(7)));
                    return Optional.of(new StoredDocument<>(decode(id, rs.getString(1)), metadata));
                }
            }
        });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public long put(I id, T doc) {
        requireId(id);
        String body = encode(id, doc);
        return guarded(sql.upsert(), c -> {
            try (PreparedStatement p = c.prepareStatement(sql.upsert())) {
                idKind.bind(p, 1, id);
                p.setString(2, body);
                long version = returnedVersion(p).orElseThrow();
                meters.written(1);
                return version;
            }
        });
    }

    @Override
    public long put(I id, T doc, long expectedVersion) {
        requireId(id);
        requireExpected(expectedVersion);
        String body = encode(id, doc);
        String statement = expectedVersion == 0 ? sql.insert() : sql.replace();
        return guarded(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                if (expectedVersion == 0) {
                    idKind.bind(p, 1, id);
                    p.setString(2, body);
                } else {
                    p.setString(1, body);
                    idKind.bind(p, 2, id);
                    p.setLong(3, expectedVersion);
                }
                Optional<Long> version = returnedVersion(p);
                if (version.isEmpty()) {
                    throw conflict(c, id, expectedVersion);
                }
                meters.written(1);
                return version.get();
            }
        });
    }

    @Override
    public long insert(I id, T doc) {
        return put(id, doc, 0);
    }

    @Override
    public long upsert(I id, T doc) {
        return put(id, doc);
    }

    @Override
    public Versioned<T> update(I id, long expectedVersion, UnaryOperator<T> change) {
        requireExpected(expectedVersion);
        Versioned<T> current = get(id).orElseThrow(() -> new DocumentNotFoundException(sql.table(), id));
        if (current.version() != expectedVersion) {
            meters.conflicts(1);
            throw new ConcurrencyException(target(id), Long.toString(expectedVersion), current.version());
        }
        T next = change.apply(current.value());
        return new Versioned<>(next, put(id, next, expectedVersion));
    }

    @Override
    public Versioned<T> update(I id, UnaryOperator<T> change) {
        for (int attempt = 1; ; attempt++) {
            Versioned<T> current = get(id).orElseThrow(() -> new DocumentNotFoundException(sql.table(), id));
            T next = change.apply(current.value());
            try {
                return new Versioned<>(next, put(id, next, current.version()));
            } catch (ConcurrencyException e) {
                if (attempt == UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Versioned<T> mutate(I id, long expectedVersion, Consumer<T> change) {
        return update(id, expectedVersion, doc -> {
            change.accept(doc);
            return doc;
        });
    }

    @Override
    public Versioned<T> mutate(I id, Consumer<T> change) {
        return update(id, doc -> {
            change.accept(doc);
            return doc;
        });
    }

    @Override
    public long patch(I id, String path, Object value) {
        return patch(id, Patch.set(path, value));
    }

    @Override
    public long patch(I id, long expectedVersion, String path, Object value) {
        return patch(id, expectedVersion, Patch.set(path, value));
    }

    @Override
    public long patch(I id, Patch patch) {
        return patch(id, patch, null);
    }

    @Override
    public long patch(I id, long expectedVersion, Patch patch) {
        requireExpected(expectedVersion);
        return patch(id, patch, expectedVersion);
    }

    private long patch(I id, Patch patch, Long expectedVersion) {
        requireId(id);
        List<Patch.Change> changes = patch.changes();
        String statement = sql.patch(changes.size(), expectedVersion != null);
        String[] values = new String[changes.size()];
        for (int i = 0; i < values.length; i++) {
            Patch.Change change = changes.get(i);
            values[i] = json.write(change.value(), () -> "the value for " + change.path() + " of " + target(id));
            patchCheck.check(change, values[i], () -> target(id));
        }
        return guarded(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                int index = 1;
                for (int i = 0; i < values.length; i++) {
                    p.setArray(
                            index++,
                            c.createArrayOf("text", changes.get(i).segments().toArray()));
                    p.setString(index++, values[i]);
                }
                idKind.bind(p, index++, id);
                if (expectedVersion != null) {
                    p.setLong(index, expectedVersion);
                }
                Optional<Long> version = returnedVersion(p);
                if (version.isPresent()) {
                    meters.written(1);
                    return version.get();
                }
                // A soft-deleted document is missing for a patch, whatever its version: not a version conflict.
                if (expectedVersion == null
                        || stored(c, id).filter(found -> !found.deleted()).isEmpty()) {
                    throw new DocumentNotFoundException(sql.table(), id);
                }
                throw conflict(c, id, expectedVersion);
            }
        });
    }

    @Override
    public Optional<JsonNode> getField(I id, String path) {
        requireId(id);
        List<String> segments = Identifiers.fieldPath(path);
        return guarded(sql.getField(), c -> {
            try (PreparedStatement p = c.prepareStatement(sql.getField())) {
                p.setArray(1, c.createArrayOf("text", segments.toArray()));
                idKind.bind(p, 2, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new DocumentNotFoundException(sql.table(), id);
                    }
                    String value = rs.getString(1);
                    JsonNode node = value == null ? null : json.parse(value, () -> path + " of " + target(id));
                    return Optional.ofNullable(node).filter(n -> !n.isNull());
                }
            }
        });
    }

    @Override
    public <V> Optional<V> getField(I id, String path, Class<V> fieldType) {
        return getField(id, path).map(node -> json.read(node, fieldType, () -> path + " of " + target(id)));
    }

    @Override
    public boolean delete(I id) {
        requireId(id);
        return guarded(sql.delete(), c -> {
            try (PreparedStatement p = c.prepareStatement(sql.delete())) {
                idKind.bind(p, 1, id);
                if (p.executeUpdate() != 1) {
                    return false;
                }
                meters.written(1);
                return true;
            }
        });
    }

    @Override
    public boolean softDelete(I id) {
        return flipDeleted(id, sql.softDelete());
    }

    @Override
    public boolean restore(I id) {
        return flipDeleted(id, sql.restore());
    }

    private boolean flipDeleted(I id, String statement) {
        requireId(id);
        return guarded(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                idKind.bind(p, 1, id);
                if (returnedVersion(p).isPresent()) {
                    meters.written(1);
                    return true;
                }
                if (stored(c, id).isEmpty()) {
                    throw new DocumentNotFoundException(sql.table(), id);
                }
                return false;
            }
        });
    }

    @Override
    public long bulkInsert(Map<I, T> documents) {
        BulkCopy copy = new BulkCopy(sql.copyIn());
        for (Map.Entry<I, T> entry : documents.entrySet()) {
            I id = entry.getKey();
            requireId(id);
            copy.row(sql.copyRow(id.toString(), encode(id, entry.getValue())));
        }
        long inserted = guardedTransaction(sql.copyIn(), copy::send);
        meters.written(inserted);
        return inserted;
    }

    @Override
    public Map<I, Long> bulkPut(Map<I, T> documents) {
        List<I> ids = bulkIds(documents.keySet());
        List<String> bodies = new ArrayList<>(ids.size());
        documents.forEach((id, doc) -> bodies.add(encode(id, doc)));
        Map<I, Long> versions = guarded(sql.bulkUpsert(), c -> bulk.put(c, ids, bodies));
        meters.written(versions.size());
        return versions;
    }

    @Override
    public Map<I, Long> bulkUpdate(Map<I, Versioned<T>> documents) {
        List<I> ids = bulkIds(documents.keySet());
        List<String> bodies = new ArrayList<>(ids.size());
        List<Long> expected = new ArrayList<>(ids.size());
        documents.forEach((id, doc) -> {
            Objects.requireNonNull(doc, () -> "The versioned document to store as " + target(id) + " must not be null");
            if (doc.version() < 1) {
                throw new IllegalArgumentException("The expected version of " + target(id) + " must be positive, was "
                        + doc.version() + ": bulkUpdate overwrites existing documents (bulkInsert stores new ones)");
            }
            bodies.add(encode(id, doc.value()));
            expected.add(doc.version());
        });
        Map<I, Long> versions;
        try {
            versions = guarded(sql.bulkReplace(), c -> bulk.update(c, ids, bodies, expected));
        } catch (ConcurrencyException e) {
            meters.conflicts(1);
            throw e;
        }
        meters.written(versions.size());
        return versions;
    }

    @Override
    public long deleteAll(Collection<I> ids) {
        List<I> checked = bulkIds(ids);
        long deleted = guarded(sql.bulkDelete(), c -> bulk.changeAll(c, sql.bulkDelete(), checked));
        meters.written(deleted);
        return deleted;
    }

    @Override
    public long softDeleteAll(Collection<I> ids) {
        List<I> checked = bulkIds(ids);
        long deleted = guarded(sql.bulkSoftDelete(), c -> bulk.changeAll(c, sql.bulkSoftDelete(), checked));
        meters.written(deleted);
        return deleted;
    }

    /** The ids of a bulk call, each checked and each once (a map's keys may still repeat under another equality). */
    private List<I> bulkIds(Collection<I> ids) {
        Objects.requireNonNull(ids, "the ids or documents of a bulk call must not be null");
        Set<I> seen = new HashSet<>();
        for (I id : ids) {
            requireId(id);
            if (!seen.add(id)) {
                throw new IllegalArgumentException(
                        "The id " + id + " appears twice in one bulk call on " + sql.name() + ": give each id once");
            }
        }
        return new ArrayList<>(ids);
    }

    T decode(I id, String body) {
        return json.read(body, type, () -> target(id));
    }

    String encode(I id, T doc) {
        Objects.requireNonNull(doc, () -> "The document to store as " + target(id) + " must not be null");
        return json.write(doc, () -> target(id));
    }

    /** The ids of the documents stored as {@code body}, for naming one that cannot be read; never throws. */
    private String idsOf(String body) {
        try {
            List<String> ids = database.withConnection(sql.idsOfBody(), c -> {
                try (PreparedStatement p = c.prepareStatement(sql.idsOfBody())) {
                    p.setString(1, body);
                    p.setString(2, body);
                    try (ResultSet rs = p.executeQuery()) {
                        List<String> found = new ArrayList<>();
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                        return found;
                    }
                }
            });
            return ids.isEmpty() ? "(id not found)" : String.join(", ", ids);
        } catch (RuntimeException e) {
            return "(id unknown: " + e.getMessage() + ")";
        }
    }

    String target(Object id) {
        return "document " + sql.name() + "/" + id;
    }

    /** Runs {@code work} like the database does, naming the field of a declared unique index it violates. */
    private <R> R guarded(String statement, Database.Work<R> work) {
        try {
            return database.withConnection(statement, work);
        } catch (RillflowException e) {
            throw uniqueViolation(e);
        }
    }

    /** As {@link #guarded}, in one transaction under the background timeouts: a bulk load may run for minutes. */
    private <R> R guardedTransaction(String statement, Database.Work<R> work) {
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
                    if (index.unique() && index.indexName(sql.name()).equals(constraint)) {
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

    private ConcurrencyException conflict(Connection c, I id, long expectedVersion) throws SQLException {
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

    /** A stored row's version and whether it is soft-deleted. */
    private record Stored(long version, boolean deleted) {}

    private Optional<Stored> stored(Connection c, I id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.currentVersion())) {
            idKind.bind(p, 1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getLong(1), rs.getBoolean(2))) : Optional.empty();
            }
        }
    }

    private static Optional<Long> returnedVersion(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    void requireId(I id) {
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
    }

    private static void requireExpected(long expectedVersion) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException(
                    "The expected version must be 0 (no document yet) or positive, was " + expectedVersion);
        }
    }

    private final class Target implements QueryTarget<T> {
        @Override
        public Database database() {
            return database;
        }

        @Override
        public JsonCodec json() {
            return json;
        }

        @Override
        public String name() {
            return sql.name();
        }

        @Override
        public String table() {
            return sql.table();
        }

        @Override
        public String quotedSchema() {
            return sql.quotedSchema();
        }

        @Override
        public TenantColumn tenant() {
            return sql.tenant();
        }

        @Override
        public T decode(String body) {
            // Rows of a query carry no id; only when one cannot be read is it looked up, to name it.
            return json.read(body, type, () -> target(idsOf(body)));
        }
    }
}
