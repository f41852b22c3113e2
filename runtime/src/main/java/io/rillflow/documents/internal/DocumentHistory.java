package io.rillflow.documents.internal;

import io.rillflow.documents.DocumentVersion;
import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The history reads of one document type: its versions, one version, the version in force at a time. A collection of a
 * document without history has one too, which explains how to turn history on.
 */
final class DocumentHistory<T> {
    private final Database database;
    private final JsonCodec json;
    private final Class<T> type;
    private final IdKind idKind;
    private final String name;
    /** The quoted history table, or null when the document keeps no history. */
    private final String table;
    /** {@code "tenant_id = 'acme' and "} in a conjoined schema, else nothing. */
    private final String only;

    DocumentHistory(
            Database database, JsonCodec json, Class<T> type, IdKind idKind, String name, HistoryTable history) {
        this.database = database;
        this.json = json;
        this.type = type;
        this.idKind = idKind;
        this.name = name;
        this.table = history == null ? null : history.table();
        this.only = history == null ? "" : history.tenant().andPrefix();
    }

    private DocumentHistory(DocumentHistory<T> bound, Database database) {
        this.database = database;
        this.json = bound.json;
        this.type = bound.type;
        this.idKind = bound.idKind;
        this.name = bound.name;
        this.table = bound.table;
        this.only = bound.only;
    }

    /** These reads on {@code database}, for a collection bound to the caller's connection. */
    DocumentHistory<T> on(Database database) {
        return new DocumentHistory<>(this, database);
    }

    List<DocumentVersion<T>> versions(Object id, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The history limit must be at least 1, was " + limit);
        }
        String select = select("order by seq desc limit ?");
        return database.withConnection(select, c -> {
            try (PreparedStatement p = c.prepareStatement(select)) {
                idKind.bind(p, 1, id);
                p.setInt(2, limit);
                return read(p, id);
            }
        });
    }

    Optional<DocumentVersion<T>> atVersion(Object id, long version) {
        if (version < 1) {
            throw new IllegalArgumentException("Document versions start at 1, was " + version);
        }
        String select = select("and version = ? order by seq desc limit 1");
        return database.withConnection(select, c -> {
            try (PreparedStatement p = c.prepareStatement(select)) {
                idKind.bind(p, 1, id);
                p.setLong(2, version);
                return read(p, id).stream().findFirst();
            }
        });
    }

    Optional<DocumentVersion<T>> asOf(Object id, Instant time) {
        Objects.requireNonNull(time, "time");
        String select = select("and changed_at <= ? order by seq desc limit 1");
        return database.withConnection(select, c -> {
            try (PreparedStatement p = c.prepareStatement(select)) {
                idKind.bind(p, 1, id);
                p.setObject(2, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
                return read(p, id).stream().findFirst();
            }
        });
    }

    private String select(String condition) {
        if (table == null) {
            throw new IllegalStateException("Document " + name + " (" + type.getName() + ") keeps no history: declare"
                    + " it with @Document(history = true), and its versions are kept from then on");
        }
        return "select data::text, version, operation, changed_at, changed_by from " + table + " where " + only
                + "id = ? " + condition;
    }

    private List<DocumentVersion<T>> read(PreparedStatement p, Object id) throws SQLException {
        List<DocumentVersion<T>> versions = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long version = rs.getLong(2);
                T value = json.read(
                        rs.getString(1), type, () -> "version " + version + " of document " + name + "/" + id);
                versions.add(new DocumentVersion<>(
                        value,
                        version,
                        DocumentVersion.Operation.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getString(5))));
            }
        }
        return versions;
    }
}
