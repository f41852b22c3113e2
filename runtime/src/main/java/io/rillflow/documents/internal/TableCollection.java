package io.rillflow.documents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentMetadata;
import io.rillflow.documents.DocumentVersion;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.documents.Patch;
import io.rillflow.documents.StoredDocument;
import io.rillflow.documents.Versioned;
import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The documents of one type in their table {@code rf_doc_<name>}: the statements on one document at a time, with the
 * bulk writes ({@link BulkWrites}), field reads and patches ({@link FieldAccess}), history ({@link DocumentHistory})
 * and queries ({@link TableQueryTarget}) each in a class of its own.
 */
public final class TableCollection<T, I> implements DocumentCollection<T, I> {
    /** How often {@link #update(Object, UnaryOperator)} re-reads after losing a race before giving up. */
    private static final int UPDATE_ATTEMPTS = 5;

    private final TableAccess<T, I> table;
    private final DocumentStatements sql;
    private final IdKind idKind;
    private final StoreMetrics.Documents meters;
    private final QueryTarget<T> queryTarget;
    private final FieldAccess<T, I> fields;
    private final BulkWrites<T, I> bulk;
    private final DocumentHistory<T> history;

    TableCollection(
            Database database,
            JsonCodec json,
            DocumentStatements sql,
            Class<T> type,
            Class<I> idType,
            IdKind idKind,
            List<IndexDefinition> indexes,
            DocumentHistory<T> history) {
        this(new TableAccess<>(database, json, sql, type, idType, idKind, indexes), history);
    }

    private TableCollection(TableAccess<T, I> table, DocumentHistory<T> history) {
        this(table, new FieldAccess<>(table, new PatchCheck(table.json().mapper(), table.type())), history);
    }

    private TableCollection(TableAccess<T, I> table, FieldAccess<T, I> fields, DocumentHistory<T> history) {
        this.table = table;
        this.sql = table.sql();
        this.idKind = table.idKind();
        this.meters = table.meters();
        this.queryTarget = new TableQueryTarget<>(table);
        this.fields = fields;
        this.bulk = new BulkWrites<>(table);
        this.history = history;
    }

    @Override
    public DocumentCollection<T, I> within(Connection connection) {
        // Without this check a null would quietly mean "the pool": writes committed outside the caller's transaction.
        Objects.requireNonNull(connection, "connection: within(...) needs the caller's open connection");
        Database bound = table.database().boundTo(connection);
        TableAccess<T, I> boundTable = table.on(bound);
        return new TableCollection<>(boundTable, fields.on(boundTable), history.on(bound));
    }

    @Override
    public List<DocumentVersion<T>> history(I id) {
        return history(id, Integer.MAX_VALUE);
    }

    @Override
    public List<DocumentVersion<T>> history(I id, int limit) {
        table.requireId(id);
        return history.versions(id, limit);
    }

    @Override
    public Optional<DocumentVersion<T>> atVersion(I id, long version) {
        table.requireId(id);
        return history.atVersion(id, version);
    }

    @Override
    public Optional<DocumentVersion<T>> asOf(I id, Instant time) {
        table.requireId(id);
        return history.asOf(id, time);
    }

    @Override
    public DocumentQuery<T> query() {
        return QueryAccess.factory().query(queryTarget);
    }

    /** The writes of a unit of work (a session's {@code saveChanges}) to this collection's table. */
    public UnitWrites<T, I> unitWrites() {
        return new UnitWrites<>(table);
    }

    /** What queries over this collection run on, for compiled query support. */
    public QueryTarget<T> queryTarget() {
        return queryTarget;
    }

    @Override
    public long deleteAll() {
        String delete = sql.deleteAll();
        return table.guarded(delete, c -> {
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
        return table.type();
    }

    @Override
    public Class<I> idType() {
        return table.idType();
    }

    @Override
    public Optional<Versioned<T>> get(I id) {
        table.requireId(id);
        return table.guarded(sql.get(), c -> {
            try (PreparedStatement p = c.prepareStatement(sql.get())) {
                idKind.bind(p, 1, id);
                try (ResultSet rs = p.executeQuery()) {
                    meters.read();
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Versioned<>(table.decode(id, rs.getString(1)), rs.getLong(2)));
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
        table.requireId(id);
        return table.guarded(sql.getWithMetadata(), c -> {
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
                    return Optional.of(new StoredDocument<>(table.decode(id, rs.getString(1)), metadata));
                }
            }
        });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public long put(I id, T doc) {
        table.requireId(id);
        String body = table.encode(id, doc);
        return table.guarded(sql.upsert(), c -> {
            try (PreparedStatement p = c.prepareStatement(sql.upsert())) {
                idKind.bind(p, 1, id);
                p.setString(2, body);
                long version = TableAccess.returnedVersion(p).orElseThrow();
                meters.written(1);
                return version;
            }
        });
    }

    @Override
    public long put(I id, T doc, long expectedVersion) {
        table.requireId(id);
        TableAccess.requireExpected(expectedVersion);
        String body = table.encode(id, doc);
        String statement = expectedVersion == 0 ? sql.insert() : sql.replace();
        return table.guarded(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                if (expectedVersion == 0) {
                    idKind.bind(p, 1, id);
                    p.setString(2, body);
                } else {
                    p.setString(1, body);
                    idKind.bind(p, 2, id);
                    p.setLong(3, expectedVersion);
                }
                Optional<Long> version = TableAccess.returnedVersion(p);
                if (version.isEmpty()) {
                    throw table.conflict(c, id, expectedVersion);
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
        TableAccess.requireExpected(expectedVersion);
        Versioned<T> current = get(id).orElseThrow(() -> new DocumentNotFoundException(sql.table(), id));
        if (current.version() != expectedVersion) {
            meters.conflicts(1);
            throw new ConcurrencyException(table.target(id), Long.toString(expectedVersion), current.version());
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
        return fields.patch(id, patch, null);
    }

    @Override
    public long patch(I id, long expectedVersion, Patch patch) {
        TableAccess.requireExpected(expectedVersion);
        return fields.patch(id, patch, expectedVersion);
    }

    @Override
    public Optional<JsonNode> getField(I id, String path) {
        return fields.getField(id, path);
    }

    @Override
    public <V> Optional<V> getField(I id, String path, Class<V> fieldType) {
        return fields.getField(id, path, fieldType);
    }

    @Override
    public boolean delete(I id) {
        table.requireId(id);
        return table.guarded(sql.delete(), c -> {
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
        table.requireId(id);
        return table.guarded(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                idKind.bind(p, 1, id);
                if (TableAccess.returnedVersion(p).isPresent()) {
                    meters.written(1);
                    return true;
                }
                if (table.stored(c, id).isEmpty()) {
                    throw new DocumentNotFoundException(sql.table(), id);
                }
                return false;
            }
        });
    }

    @Override
    public long bulkInsert(Map<I, T> documents) {
        return bulk.insert(documents);
    }

    @Override
    public Map<I, Long> bulkPut(Map<I, T> documents) {
        return bulk.put(documents);
    }

    @Override
    public Map<I, Long> bulkUpdate(Map<I, Versioned<T>> documents) {
        return bulk.update(documents);
    }

    @Override
    public long deleteAll(Collection<I> ids) {
        return bulk.changeAll(sql.bulkDelete(), ids);
    }

    @Override
    public long softDeleteAll(Collection<I> ids) {
        return bulk.changeAll(sql.bulkSoftDelete(), ids);
    }
}
