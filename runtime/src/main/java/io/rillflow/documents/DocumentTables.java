package io.rillflow.documents;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.SchemaDriftException;
import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The document collections of one store. Each document name maps to one table, created the first time it is used
 * and checked against the id type it was created with. Obtain collections through {@code Store.documents(...)}.
 */
public final class DocumentTables {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final Database database;
    private final String schema;
    private final JsonCodec json;
    private final Map<String, DocumentCollection<?, ?>> collections = new ConcurrentHashMap<>();

    /** Created by the store. */
    public DocumentTables(Database database, String schema, JsonCodec json) {
        this.database = database;
        this.schema = schema;
        this.json = json;
    }

    /** The default document name of a type: its simple name in snake case ({@code OrderLine} → {@code order_line}). */
    public static String defaultName(Class<?> type) {
        return type.getSimpleName()
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /** The collection for {@code name}, creating its table on first use. */
    @SuppressWarnings("unchecked")
    public <T, I> DocumentCollection<T, I> collection(Class<T> type, Class<I> idType, String name) {
        requireName(name);
        IdKind idKind = IdKind.of(idType);
        DocumentCollection<?, ?> existing = collections.computeIfAbsent(name, n -> open(type, idType, idKind, n));
        if (!existing.documentType().equals(type) || !existing.idType().equals(idType)) {
            throw new IllegalArgumentException("Document name \"" + name + "\" is already used for "
                    + existing.documentType().getName() + " with "
                    + existing.idType().getSimpleName()
                    + " ids; pick another name for " + type.getName());
        }
        return (DocumentCollection<T, I>) existing;
    }

    private <T, I> DocumentCollection<T, I> open(Class<T> type, Class<I> idType, IdKind idKind, String name) {
        DocumentStatements sql = new DocumentStatements(schema, name, idKind.columnType());
        database.inTransaction(sql.createTable(), c -> {
            try (Statement s = c.createStatement()) {
                // Serializes concurrent first uses: CREATE ... IF NOT EXISTS alone can still collide in the catalog.
                s.execute("select pg_advisory_xact_lock(hashtextextended('rillflow:doc:" + schema + "." + name
                        + "', 0))");
                s.execute(sql.createTable());
            }
            try (PreparedStatement p = c.prepareStatement("select format_type(a.atttypid, a.atttypmod)"
                    + " from pg_attribute a where a.attrelid = ?::regclass and a.attname = 'id'")) {
                p.setString(1, sql.table());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    String actual = rs.getString(1);
                    if (!idKind.columnType().equals(actual)) {
                        throw new SchemaDriftException("Table " + sql.table() + " has ids of type " + actual
                                + " but " + type.getName() + " asks for " + idType.getSimpleName() + " ids ("
                                + idKind.columnType() + ")");
                    }
                }
            }
            return null;
        });
        return new DocumentCollection<>(database, json, sql, type, idType, idKind);
    }

    private static void requireName(String name) {
        if (name == null
                || name.length() > DocumentStatements.MAX_NAME
                || !NAME.matcher(name).matches()) {
            throw new InvalidIdentifierException("Invalid document name \"" + name + "\": use lower-case letters,"
                    + " digits and underscores, starting with a letter, at most " + DocumentStatements.MAX_NAME
                    + " characters");
        }
    }
}
